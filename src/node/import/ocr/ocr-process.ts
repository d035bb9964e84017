import { fork } from 'node:child_process'
import type { OcrMessage, OcrReply } from './ocr-protocol'

/**
 * The OCR process as the main thread's side sees it (ocr-service.ts): a child process running
 * ocr-worker.ts, started by a starter the shell gives. Why a process and not a thread (docs/ocr.md,
 * "Process"): tesseract's wasm heaps, pdf.js and the canvas then live in an address space of their
 * own, so their size never counts in the app's process and their teardown and collection never
 * cost the app's main thread anything; ending the process hands its memory back at once.
 *
 * - Node (the CLI, tests, benchmarks, the browser shell): `child_process.fork`, from source
 *   through tsx or the bundled entry (`forkOcrProcess`).
 * - The Electron app: Electron's `utilityProcess` (electron/main/ocr-utility-process.ts; only
 *   electron/ imports 'electron'), given with `setOcrProcessStarter`.
 * Messages are structured clones (images and PDFs as Uint8Array, copied once through the pipe).
 */
export interface OcrProcess {
  /** The operating system's process id, once started (diagnostics, the benchmark's memory reading). */
  readonly pid: number | undefined
  send(message: OcrMessage): void
  onMessage(listener: (reply: OcrReply) => void): void
  /** The process ended (killed, crashed, or failed to start: `error` then says why); at once if it has. Every listener is called. */
  onExit(listener: (error: Error | null) => void): void
  /** Ends it (SIGTERM: it stops its work, waits at most 2 s for an engine still starting, and exits; its memory goes with it). */
  kill(): void
  /** Whether it keeps the parent alive (Node: only while files wait; Electron ignores it). */
  ref(): void
  unref(): void
}

export type OcrProcessStarter = () => OcrProcess

/**
 * A forked Node process running `entry`: the bundled worker (a `.js` file) as it is, or the
 * TypeScript source through tsx. The parent's Node options (`process.execArgv`, e.g. a test's
 * preloaded network guard) are passed on, as fork does by default.
 */
export function forkOcrProcess(entry: string): OcrProcess {
  const fromSource = entry.endsWith('.ts')
  // The bundled entry runs without tsx even when the parent has it (a benchmark, a script): tsx
  // transforms every module it loads, and pdf.js alone then costs 2.2 s of CPU to load instead of
  // 0.24 s (measured, loaded); the app's utility process never has it.
  const execArgv = fromSource ? (hasTsx(process.execArgv) ? process.execArgv : [...process.execArgv, '--import', 'tsx']) : withoutTsx(process.execArgv)
  // 'advanced': structured clones (Uint8Array stays binary) instead of JSON.
  const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const { end, onExit } = processEnd()
  child.on('error', (error) => end(error))
  child.on('exit', (code, signal) => end(code === 0 || signal === 'SIGTERM' ? null : new Error(`the text recognition process stopped (${signal ?? `exit ${code}`})`)))
  return {
    get pid() {
      return child.pid
    },
    send(request) {
      child.send(request)
    },
    onMessage(listener) {
      child.on('message', (reply) => listener(reply as OcrReply))
    },
    onExit,
    kill() {
      child.kill()
    },
    ref() {
      child.ref()
      child.channel?.ref()
    },
    unref() {
      child.unref()
      child.channel?.unref()
    },
  }
}

/**
 * A process's end, told once to every listener: `end` is called by the process's events (the
 * first call counts), `onExit` is the OcrProcess's, answering at once when it has already ended.
 */
export function processEnd(): { end(error: Error | null): void; onExit(listener: (error: Error | null) => void): void } {
  const listeners: ((error: Error | null) => void)[] = []
  let ended: { error: Error | null } | null = null
  return {
    end(error) {
      if (ended !== null) return
      ended = { error }
      for (const listener of listeners) listener(error)
    },
    onExit(listener) {
      if (ended === null) listeners.push(listener)
      else listener(ended.error)
    },
  }
}

/** Node's options that preload a module: the module follows as the next argument or after `=`. */
const PRELOAD_OPTIONS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader'])

/**
 * Whether a preloaded module is tsx's: the package (`tsx`), one of its entries (`tsx/esm`,
 * `tsx/cjs`), or a file inside it by path or file URL, as the tsx binary registers itself
 * (`--require …/node_modules/tsx/dist/preflight.cjs --import file:///…/node_modules/tsx/dist/loader.mjs`).
 * A module merely named like it (`tsx-other`, `./tsx.cjs`) is not.
 */
export function isTsxModule(specifier: string): boolean {
  return /^tsx(?:\/|$)/u.test(specifier) || /[\\/]node_modules[\\/]tsx[\\/]/u.test(specifier)
}

/** The options split into single options and preloads (the option with its module), in order. */
function optionGroups(execArgv: readonly string[]): { args: string[]; module: string | null }[] {
  const groups: { args: string[]; module: string | null }[] = []
  for (let index = 0; index < execArgv.length; index++) {
    const arg = execArgv[index]!
    const next = execArgv[index + 1]
    const equals = arg.indexOf('=')
    if (PRELOAD_OPTIONS.has(arg) && next !== undefined) {
      groups.push({ args: [arg, next], module: next })
      index++
    } else if (equals > 0 && PRELOAD_OPTIONS.has(arg.slice(0, equals))) {
      groups.push({ args: [arg], module: arg.slice(equals + 1) })
    } else {
      groups.push({ args: [arg], module: null })
    }
  }
  return groups
}

/** Whether the options preload tsx (the same test as `withoutTsx`'s, so the two always agree). */
export function hasTsx(execArgv: readonly string[]): boolean {
  return optionGroups(execArgv).some((group) => group.module !== null && isTsxModule(group.module))
}

/** The options without tsx's preloads (`--import tsx`, `--import=tsx/esm`, the tsx binary's by path, …); every other option is kept. */
export function withoutTsx(execArgv: readonly string[]): string[] {
  return optionGroups(execArgv).flatMap((group) => (group.module !== null && isTsxModule(group.module) ? [] : group.args))
}
