import { describe, expect, it } from 'vitest'
import { sandboxHelper, sandboxWillFail } from '../../scripts/linux-sandbox'

describe("Electron's Linux sandbox before `npm start`", () => {
  const restricted = { platform: 'linux' as const, isRoot: false, usernsRestricted: true, helperSetuid: false }

  it('fails where user namespaces are refused and chrome-sandbox is not setuid root', () => {
    expect(sandboxWillFail(restricted)).toBe(true)
  })

  it('starts with either a setuid helper or user namespaces, and never matters off Linux or as root', () => {
    expect(sandboxWillFail({ ...restricted, helperSetuid: true })).toBe(false)
    expect(sandboxWillFail({ ...restricted, usernsRestricted: false })).toBe(false)
    expect(sandboxWillFail({ ...restricted, platform: 'darwin' })).toBe(false)
    expect(sandboxWillFail({ ...restricted, isRoot: true })).toBe(false)
  })

  it('looks for chrome-sandbox beside the Electron binary', () => {
    expect(sandboxHelper('/opt/x/node_modules/electron/dist/electron')).toBe('/opt/x/node_modules/electron/dist/chrome-sandbox')
  })
})
