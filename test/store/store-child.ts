import { spawn, type ChildProcess } from 'node:child_process'
import { ROOT } from '../helpers'

/**
 * A store test's child process: a TypeScript script of test/store run by Node (tsx), its stdout
 * read line by line. Scripts print "ready" once the library is open and "ack …" once a write has
 * resolved, so a test can kill the child at a known point (SIGKILL, as a crash or a power cut)
 * and then check what the next open finds.
 */
export interface ChildOptions {
  readonly env?: NodeJS.ProcessEnv
  /** Runs as this user and group (as root, a user who may not write a folder of root's). */
  readonly uid?: number
  /** A shell command run first, e.g. `ulimit -f 4` (a disk that refuses files past 4 KiB). */
  readonly shell?: string
  /** Kills the child with SIGKILL as soon as it has printed this many lines. */
  readonly killAtLine?: number
}

export interface Child {
  readonly child: ChildProcess
  /** What followed "ack " on each acknowledgement line. */
  readonly acks: string[]
  /** Every line printed, and the child's stderr as one last line when it wrote any. */
  readonly lines: string[]
  readonly ready: Promise<void>
  readonly exited: Promise<number | null>
  /** Whether `killAtLine` killed it. */
  readonly killed: () => boolean
}

export function startChild(script: string, args: readonly string[], options: ChildOptions = {}): Child {
  const command = options.shell ? 'bash' : process.execPath
  const argv = options.shell
    ? ['-c', `${options.shell}; exec "${process.execPath}" --import tsx "${script}" ${args.map((a) => `"${a}"`).join(' ')}`]
    : ['--import', 'tsx', script, ...args]
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  })
  const acks: string[] = []
  const lines: string[] = []
  let killed = false
  let buffer = ''
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    let newline
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      lines.push(line)
      if (line === 'ready') markReady()
      if (line.startsWith('ack ')) acks.push(line.slice(4))
      if (options.killAtLine !== undefined && lines.length >= options.killAtLine && !killed) killed = child.kill('SIGKILL')
    }
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (stderr !== '') lines.push(`stderr: ${stderr}`)
      resolve(code)
    }),
  )
  return { child, acks, lines, ready, exited, killed: () => killed }
}

/** Runs a child to its end (or its kill); its exit code, whether it was killed, and its lines. */
export async function runChild(script: string, args: readonly string[], options: ChildOptions = {}): Promise<{ code: number | null; killed: boolean; lines: string[] }> {
  const run = startChild(script, args, options)
  const code = await run.exited
  return { code, killed: run.killed(), lines: run.lines }
}
