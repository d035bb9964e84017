import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers'

/** The `electronFuses:` block of electron-builder.yml as key → value (a flat block of booleans). */
async function fusesBlock(): Promise<Record<string, string>> {
  const lines = (await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')).split('\n')
  const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line))
  expect(start, 'electron-builder.yml has an electronFuses block').toBeGreaterThanOrEqual(0)
  const fuses: Record<string, string> = {}
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break
    const match = /^\s+([A-Za-z]+):\s*(\S+)\s*(?:#.*)?$/.exec(line)
    if (match) fuses[match[1]!] = match[2]!
  }
  return fuses
}

describe('electron-builder.yml', () => {
  it('flips every security fuse the packaged app needs', async () => {
    expect(await fusesBlock()).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    })
  })

  it('packs the app into an asar archive (the integrity fuses check it)', async () => {
    expect(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/^asar: true$/m)
  })
})
