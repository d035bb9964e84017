import { apiMethodNames } from '../../common/api-methods'
import { MENU_COMMANDS } from '../../common/menu-commands'
import type { LibraryChange } from '../../common/model/library-change'
import type { TeamSyncView } from '../../common/team/team-view'

/**
 * `window.api` and `window.appEvents` for the app's page in a plain Chromium, with the semantics
 * of electron/preload/index.ts behind Electron's contextBridge and its IPC, so that what the
 * desktop app would refuse is refused here too:
 * - an argument is a structured-clone copy; a proxy (Svelte 5 `$state`), a function, a symbol or
 *   a class instance anywhere inside it is refused with Electron's own error, synchronously, and
 *   the call never reaches the service. (Electron drops a class instance's prototype instead; its
 *   getters and methods would vanish on the way, so refusing it here catches the same bug.)
 * - a result arrives as a fresh copy (the host's answer is serialised across the binding);
 * - a menu command arrives like an IPC message from the main process: later, in a task of its own, as a
 *   copy, only if it is a known command, to every listener subscribed at that moment;
 * - a change of the library (the store's change feed) arrives the same way, only if it has the
 *   shape of a change record (the check `isLibraryChange` makes in the preload);
 * - the team's sync state arrives the same way, only if it has the shape `isTeamSyncView` checks.
 *
 * The page-side code is JavaScript source in a string, not a function serialised with toString():
 * under tsx, esbuild wraps functions with its `__name` helper, which does not exist in the page.
 */
export const CLONE_ERROR = 'An object could not be cloned.'

export interface BridgeOptions {
  /** The global the host's binding is exposed as (page.exposeBinding). */
  readonly binding: string
  /** The global the host calls to deliver a menu command (as webContents.send would). */
  readonly menuChannel: string
  /** The global the host calls to deliver a change of the library (as webContents.send would). */
  readonly libraryChannel: string
  /** The global the host calls to deliver the team's sync state (as webContents.send would). */
  readonly teamChannel: string
  readonly methods: readonly string[]
  readonly menuCommands: readonly string[]
  readonly cloneError: string
}

/** `installBridge(target, options)`: defines `api` and `appEvents` on `target` (the page's window). */
export const BRIDGE_INSTALLER = String.raw`function installBridge(target, options) {
  'use strict'
  const refuse = () => new Error(options.cloneError)
  // Non-plain objects that structured clone copies whole, as Electron's IPC does.
  const builtins = ['Date', 'RegExp', 'ArrayBuffer', 'Blob', 'File', 'Error', 'Map', 'Set']
    .map((name) => target[name])
    .filter((type) => typeof type === 'function')
  const isBuiltin = (value) => ArrayBuffer.isView(value) || builtins.some((type) => value instanceof type)

  // A proxy reports its target's prototype, so only structured clone itself can see one: it
  // throws for proxies, functions and symbols. The walk then refuses class instances, which
  // structured clone would silently turn into plain objects.
  function copyOf(value) {
    let copy
    try {
      copy = structuredClone(value)
    } catch {
      throw refuse()
    }
    const seen = new Set()
    const walk = (item) => {
      if (typeof item !== 'object' || item === null || seen.has(item)) return
      seen.add(item)
      const prototype = Object.getPrototypeOf(item)
      if (prototype === Object.prototype || prototype === null) Object.values(item).forEach(walk)
      else if (Array.isArray(item)) item.forEach(walk)
      else if (item instanceof target.Map) item.forEach((entry, key) => (walk(key), walk(entry)))
      else if (item instanceof target.Set) item.forEach(walk)
      else if (!isBuiltin(item)) throw refuse()
    }
    walk(value)
    return copy
  }

  const invoke = (method, input) => target[options.binding](method, input)
  const api = {}
  for (const method of options.methods) {
    api[method] = (...args) => {
      const input = copyOf(args[0])
      return invoke(method, input)
    }
  }
  Object.defineProperty(target, 'api', { value: Object.freeze(api), enumerable: true })

  // The same test as isLibraryChange (src/common/model/library-change.ts).
  const isIdList = (list) => Array.isArray(list) && list.every((id) => typeof id === 'string')
  const isLibraryChange = (value) =>
    typeof value === 'object' && value !== null &&
    typeof value.seq === 'number' && Number.isFinite(value.seq) &&
    ['everything', 'tags', 'settings'].every((flag) => typeof value[flag] === 'boolean') &&
    ['articles', 'annotations', 'briefs', 'deletedArticles', 'deletedBriefs'].every((list) => isIdList(value[list])) &&
    ['templates', 'deletedTemplates'].every((list) => value[list] === undefined || isIdList(value[list]))

  // The same test as isTeamSyncView (src/common/team/team-view.ts).
  const isCount = (n) => typeof n === 'number' && Number.isInteger(n) && n >= 0
  const isTime = (t) => typeof t === 'string' && t.length <= 40
  const isErrorInfo = (e) =>
    typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string' &&
    typeof e.params === 'object' && e.params !== null &&
    Object.values(e.params).every((p) => typeof p === 'string' || typeof p === 'number')
  const isTeamSyncView = (value) => {
    if (typeof value !== 'object' || value === null) return false
    switch (value.state) {
      case 'disconnected':
      case 'needsPassword':
        return true
      case 'syncing':
        return isCount(value.pulled) && isCount(value.pushed) && typeof value.first === 'boolean'
      case 'synced':
        return isTime(value.at)
      case 'offline':
        return isTime(value.since) && isErrorInfo(value.error)
      case 'error':
        return isErrorInfo(value.error)
      default:
        return false
    }
  }

  // One channel from the host: its listeners, and what a message must be to reach them.
  function channel(name, accepts) {
    const listeners = new Set()
    Object.defineProperty(target, name, {
      value: (message) => {
        const copy = copyOf(message)
        setTimeout(() => [...listeners].forEach((handler) => handler(copy)), 0)
      },
    })
    return (method, listener) => {
      if (typeof listener !== 'function') throw new TypeError(method + ' needs a function')
      const handler = (message) => {
        if (accepts(message)) listener(message)
      }
      listeners.add(handler)
      return () => void listeners.delete(handler)
    }
  }
  const menuCommands = channel(options.menuChannel, (command) => options.menuCommands.includes(command))
  const libraryChanges = channel(options.libraryChannel, isLibraryChange)
  const teamStatuses = channel(options.teamChannel, isTeamSyncView)
  const appEvents = Object.freeze({
    onMenuCommand: (listener) => menuCommands('onMenuCommand', listener),
    onLibraryChanged: (listener) => libraryChanges('onLibraryChanged', listener),
    onTeamStatus: (listener) => teamStatuses('onTeamStatus', listener),
  })
  Object.defineProperty(target, 'appEvents', { value: appEvents, enumerable: true })
}`

export const BRIDGE_BINDING = '__briefingDeskInvoke'
export const MENU_CHANNEL_GLOBAL = '__briefingDeskMenuCommand'
export const LIBRARY_CHANNEL_GLOBAL = '__briefingDeskLibraryChanged'
export const TEAM_CHANNEL_GLOBAL = '__briefingDeskTeamStatus'

export function bridgeOptions(): BridgeOptions {
  return {
    binding: BRIDGE_BINDING,
    menuChannel: MENU_CHANNEL_GLOBAL,
    libraryChannel: LIBRARY_CHANNEL_GLOBAL,
    teamChannel: TEAM_CHANNEL_GLOBAL,
    methods: [...apiMethodNames],
    menuCommands: [...MENU_COMMANDS],
    cloneError: CLONE_ERROR,
  }
}

/** The init script a page gets before any of its own code runs. */
export function bridgeInitScript(options: BridgeOptions = bridgeOptions()): string {
  return `(${BRIDGE_INSTALLER})(window, ${JSON.stringify(options)});`
}

/** The expression that delivers `command` to the page's menu listeners. */
export function menuCommandExpression(command: string): string {
  return `window[${JSON.stringify(MENU_CHANNEL_GLOBAL)}](${JSON.stringify(command)})`
}

/** The expression that delivers a change of the library to the page's listeners (none before the bridge is installed). */
export function libraryChangeExpression(change: LibraryChange): string {
  return `window[${JSON.stringify(LIBRARY_CHANNEL_GLOBAL)}]?.(${JSON.stringify(change)})`
}

/** The expression that delivers the team's sync state to the page's listeners (none before the bridge is installed). */
export function teamStatusExpression(status: TeamSyncView): string {
  return `window[${JSON.stringify(TEAM_CHANNEL_GLOBAL)}]?.(${JSON.stringify(status)})`
}
