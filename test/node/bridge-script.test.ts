import { rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compileModule } from 'svelte/compiler'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isLibraryChange, NO_CHANGE, type LibraryChange } from '../../src/common/model/library-change'
import { BRIDGE_INSTALLER, bridgeOptions, CLONE_ERROR, LIBRARY_CHANNEL_GLOBAL, MENU_CHANNEL_GLOBAL, TEAM_CHANNEL_GLOBAL } from '../../src/node/browser-shell/bridge-script'
import { isTeamSyncView, type TeamSyncView } from '../../src/common/team/team-view'
import { tempDir } from '../helpers'

/**
 * The browser shell's page-side bridge, run in this realm (structured clone and proxies behave as
 * in the page: both are V8's), against real Svelte 5 `$state` proxies compiled by Svelte itself.
 */
interface Bridge {
  api: Record<string, (input?: unknown) => Promise<unknown>>
  appEvents: {
    onMenuCommand(listener: (command: string) => void): () => void
    onLibraryChanged(listener: (change: LibraryChange) => void): () => void
    onTeamStatus(listener: (status: TeamSyncView) => void): () => void
  }
  calls: { method: string; input: unknown }[]
  deliver(command: unknown): void
  deliverChange(change: unknown): void
  deliverTeam(status: unknown): void
}

function installBridge(): Bridge {
  const calls: Bridge['calls'] = []
  const options = bridgeOptions()
  // The page's window: its globals (structuredClone, Map...) plus the host's binding.
  const target = Object.create(globalThis) as Record<string, unknown>
  target[options.binding] = async (method: string, input: unknown) => {
    calls.push({ method, input })
    return { ok: true, value: input }
  }
  const install = new Function(`return ${BRIDGE_INSTALLER}`)() as (target: object, options: object) => void
  install(target, options)
  return {
    api: target['api'] as Bridge['api'],
    appEvents: target['appEvents'] as Bridge['appEvents'],
    calls,
    deliver: (command) => (target[MENU_CHANNEL_GLOBAL] as (command: unknown) => void)(command),
    deliverChange: (change) => (target[LIBRARY_CHANNEL_GLOBAL] as (change: unknown) => void)(change),
    deliverTeam: (status) => (target[TEAM_CHANNEL_GLOBAL] as (status: unknown) => void)(status),
  }
}

interface SvelteState {
  readonly patch: { tags: string[] }
  readonly tagIds: string[]
  snapshot<T>(value: T): T
}

let dir: string
let svelte: SvelteState

beforeAll(async () => {
  // A .svelte.js module as the app's state modules are, compiled for the browser by Svelte 5.
  const source = `
    export const patch = $state({ tags: ['Viễn thông'] })
    export const tagIds = $state(['tag_1', 'tag_2'])
    export function snapshot(value) { return $state.snapshot(value) }
  `
  const runtime = pathToFileURL(createRequire(import.meta.url).resolve('svelte/internal/client')).href
  const { js } = compileModule(source, { generate: 'client', filename: 'state.svelte.js' })
  dir = await tempDir('briefing-desk-bridge-')
  const file = join(dir, 'state.svelte.js')
  await writeFile(file, js.code.replace("'svelte/internal/client'", JSON.stringify(runtime)))
  svelte = (await import(pathToFileURL(file).href)) as SvelteState
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe("the browser shell's bridge has contextBridge's semantics", () => {
  it('refuses a real Svelte 5 $state proxy, at the top or deep inside, with Electron’s error', () => {
    const bridge = installBridge()
    expect(() => bridge.api['updateAnnotation']!({ articleId: 'a', id: 'an_1', ...svelte.patch })).toThrow(CLONE_ERROR)
    expect(() => bridge.api['createBrief']!({ title: 'Brief', tagIds: svelte.tagIds })).toThrow(CLONE_ERROR)
    expect(() => bridge.api['updateSettings']!(svelte.patch)).toThrow(CLONE_ERROR)
    expect(bridge.calls).toEqual([])
  })

  it('passes the same data once $state.snapshot has made it plain, as a copy', async () => {
    const bridge = installBridge()
    const input = { title: 'Brief', tagIds: svelte.snapshot(svelte.tagIds) }
    const result = await bridge.api['createBrief']!(input)
    expect(bridge.calls).toEqual([{ method: 'createBrief', input: { title: 'Brief', tagIds: ['tag_1', 'tag_2'] } }])
    expect(bridge.calls[0]!.input).not.toBe(input)
    expect(result).toEqual({ ok: true, value: { title: 'Brief', tagIds: ['tag_1', 'tag_2'] } })
  })

  it('refuses functions, symbols and class instances, and accepts what structured clone copies whole', async () => {
    const bridge = installBridge()
    class Patch {
      tags = ['a']
    }
    expect(() => bridge.api['updateAnnotation']!({ onDone: () => undefined })).toThrow(CLONE_ERROR)
    expect(() => bridge.api['updateAnnotation']!({ id: Symbol('x') })).toThrow(CLONE_ERROR)
    expect(() => bridge.api['updateAnnotation']!({ patch: new Patch() })).toThrow(CLONE_ERROR)
    expect(() => bridge.api['updateAnnotation']!(new Proxy({}, {}))).toThrow(CLONE_ERROR)
    const plain = { when: new Date(0), bytes: new Uint8Array([1, 2]), nested: [{ a: null }], bare: Object.create(null) as object }
    await bridge.api['importDropped']!(plain)
    expect(bridge.calls).toEqual([{ method: 'importDropped', input: plain }])
    await bridge.api['listArticles']!()
    expect(bridge.calls.at(-1)).toEqual({ method: 'listArticles', input: undefined })
  })

  it('delivers menu commands like ipcRenderer.on: later, only known ones, until unsubscribed', async () => {
    const bridge = installBridge()
    const heard: string[] = []
    const stop = bridge.appEvents.onMenuCommand((command) => heard.push(command))
    bridge.deliver('frobnicate')
    bridge.deliver('import')
    expect(heard).toEqual([])
    await new Promise<void>((done) => bridge.appEvents.onMenuCommand(() => done()))
    await new Promise<void>((done) => {
      bridge.appEvents.onMenuCommand(() => done())
      bridge.deliver('import')
    })
    expect(heard).toEqual(['import', 'import'])
    stop()
    await new Promise<void>((done) => {
      bridge.appEvents.onMenuCommand(() => done())
      bridge.deliver('import')
    })
    expect(heard).toEqual(['import', 'import'])
    expect(() => bridge.appEvents.onMenuCommand('import' as never)).toThrow(TypeError)
  })

  it('delivers library changes like ipcRenderer.on: later, as copies, in order, only well-formed ones', async () => {
    const bridge = installBridge()
    const heard: LibraryChange[] = []
    const stop = bridge.appEvents.onLibraryChanged((change) => heard.push(change))
    const first: LibraryChange = { ...NO_CHANGE, seq: 7, annotations: ['a_1'] }
    const second: LibraryChange = { ...NO_CHANGE, seq: 8, articles: ['a_2'], deletedBriefs: ['b_1'], templates: ['t_1'] }
    const malformed = [null, 'import', { ...first, seq: '9' }, { ...first, tags: 1 }, { ...first, articles: [3] }, { ...first, templates: 'x' }, { seq: 10 }]
    for (const candidate of malformed) expect(isLibraryChange(candidate), JSON.stringify(candidate)).toBe(false)
    expect(isLibraryChange(first) && isLibraryChange(second)).toBe(true)
    bridge.deliverChange(first)
    for (const candidate of malformed) bridge.deliverChange(candidate)
    bridge.deliverChange(second)
    expect(heard).toEqual([])
    await new Promise<void>((done) => {
      bridge.appEvents.onLibraryChanged((change) => change.seq === 8 && done())
    })
    expect(heard).toEqual([first, second])
    expect(heard[0]).not.toBe(first)
    stop()
    await new Promise<void>((done) => {
      bridge.appEvents.onLibraryChanged(() => done())
      bridge.deliverChange(first)
    })
    expect(heard).toHaveLength(2)
    expect(() => bridge.appEvents.onLibraryChanged(7 as never)).toThrow(TypeError)
  })

  it('delivers the team sync state like ipcRenderer.on: as copies, in order, only the shapes isTeamSyncView accepts', async () => {
    const bridge = installBridge()
    const heard: TeamSyncView[] = []
    bridge.appEvents.onTeamStatus((status) => heard.push(status))
    const error = { code: 'team.unreachable', message: 'no answer', params: { server: 'http://127.0.0.1:5984', reason: 'ECONNREFUSED' } }
    const good: TeamSyncView[] = [
      { state: 'disconnected' },
      { state: 'needsPassword' },
      { state: 'syncing', pulled: 3, pushed: 0, first: true },
      { state: 'synced', at: '2026-12-07T09:00:00.000Z' },
      { state: 'offline', since: '2026-12-07T09:00:00.000Z', error: error as never },
      { state: 'error', error: error as never },
    ]
    const malformed = [null, 'synced', { state: 'gone' }, { state: 'syncing', pulled: -1, pushed: 0, first: true }, { state: 'syncing', pulled: 1, pushed: 0 }, { state: 'synced', at: 'x'.repeat(41) }, { state: 'offline', since: 'now' }, { state: 'error', error: { ...error, params: { password: {} } } }]
    for (const candidate of good) expect(isTeamSyncView(candidate), JSON.stringify(candidate)).toBe(true)
    for (const candidate of malformed) expect(isTeamSyncView(candidate), JSON.stringify(candidate)).toBe(false)
    for (const candidate of [...malformed, ...good]) bridge.deliverTeam(candidate)
    await new Promise<void>((done) => {
      bridge.appEvents.onTeamStatus((status) => status.state === 'error' && done())
    })
    expect(heard).toEqual(good)
    expect(heard[0]).not.toBe(good[0])
  })
})
