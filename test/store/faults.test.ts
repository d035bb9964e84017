import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, chown, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/node/store/library-store'
import { ROOT, tempDir } from '../helpers'
import { annotation, article } from './fixtures'

/**
 * Fault tests: real processes, real files, real kills. Bounded in time: each test has a fixed
 * number of rounds and a timeout.
 */
const CHILD = join(ROOT, 'test', 'store', 'fault-child.ts')

interface Run {
  child: ChildProcess
  acks: string[]
  lines: string[]
  ready: Promise<void>
  exited: Promise<number | null>
}

function startChild(args: string[], options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; shell?: string } = {}): Run {
  const command = options.shell ? 'bash' : process.execPath
  const argv = options.shell
    ? ['-c', `${options.shell}; exec "${process.execPath}" --import tsx "${CHILD}" ${args.map((a) => `"${a}"`).join(' ')}`]
    : ['--import', 'tsx', CHILD, ...args]
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
  })
  const acks: string[] = []
  const lines: string[] = []
  let buffer = ''
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    let newline
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      lines.push(line)
      if (line === 'ready') markReady()
      if (line.startsWith('ack ')) acks.push(line.slice(4))
    }
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null && stderr) lines.push(`stderr: ${stderr}`)
      resolve(code)
    }),
  )
  return { child, acks, lines, ready, exited }
}

async function libraryWithOneArticle(): Promise<{ dir: string; articleId: string }> {
  const dir = await tempDir()
  const store = await LibraryStore.open(dir)
  const a = article(1)
  await store.addArticles([a])
  await store.close()
  return { dir, articleId: a.id }
}

describe('fault tolerance', () => {
  it('loses no acknowledged save and never leaves an unreadable file when the writer is SIGKILLed', { timeout: 90_000 }, async () => {
    const { dir, articleId } = await libraryWithOneArticle()
    const acknowledged = new Set<string>()
    const rounds = 30
    for (let round = 0; round < rounds; round++) {
      const run = startChild(['loop', dir])
      await run.ready
      // Kill at a different moment each round, mid-save most of the time.
      await new Promise((resolve) => setTimeout(resolve, 5 + ((round * 37) % 150)))
      run.child.kill('SIGKILL')
      await run.exited
      for (const id of run.acks) acknowledged.add(id)

      const store = await LibraryStore.open(dir)
      const saved = new Set((await store.getAnnotations(articleId)).map((a) => a.id))
      expect(store.recoveryEvents).toEqual([])
      await store.close()
      const missing = [...acknowledged].filter((id) => !saved.has(id))
      expect(missing, `round ${round}`).toEqual([])
    }
    // The writer got far enough each time for the kills to land between and inside saves.
    expect(acknowledged.size).toBeGreaterThan(rounds * 3)
  })

  it('two processes writing the same library at once: one waits for the other, nothing is lost', { timeout: 60_000 }, async () => {
    const { dir, articleId } = await libraryWithOneArticle()
    const first = startChild(['count', dir, '20'], { env: { LOCK_WAIT_MS: '30000' } })
    const second = startChild(['count', dir, '20'], { env: { LOCK_WAIT_MS: '30000' } })
    expect(await first.exited).toBe(0)
    expect(await second.exited).toBe(0)
    const store = await LibraryStore.open(dir)
    const saved = (await store.getAnnotations(articleId)).map((a) => a.id).sort()
    await store.close()
    expect(saved).toEqual([...first.acks, ...second.acks].sort())
    expect(saved).toHaveLength(40)
  })

  it('a second process that will not wait gets a clear error and changes nothing', { timeout: 30_000 }, async () => {
    const { dir, articleId } = await libraryWithOneArticle()
    const holder = await LibraryStore.open(dir, { purpose: 'Briefing Desk' })
    const intruder = startChild(['count', dir, '5'])
    expect(await intruder.exited).not.toBe(0)
    expect(intruder.lines.join('\n')).toMatch(/in use by Briefing Desk, pid \d+/)
    expect(await holder.getAnnotations(articleId)).toEqual([])
    await holder.close()
  })

  it('a full disk: the save fails with a clear error and the previous state stays intact', { timeout: 30_000 }, async () => {
    const { dir, articleId } = await libraryWithOneArticle()
    // ulimit -f: the kernel refuses to let a file grow past 256 KiB, as a full disk would.
    const run = startChild(['big', dir], { shell: 'ulimit -f 256' })
    expect(await run.exited).toBe(0)
    const error = run.lines.find((line) => line.startsWith('error '))
    expect(error, run.lines.join('\n')).toBeDefined()
    expect(JSON.parse(error!.slice(6))).toMatchObject({ code: 'library.writeFailed', message: expect.stringContaining(`annotations/${articleId}.json`) })
    const store = await LibraryStore.open(dir)
    const saved = (await store.getAnnotations(articleId)).map((a) => a.id)
    expect(store.recoveryEvents).toEqual([])
    await store.close()
    expect(saved).toEqual(run.acks)
    expect(run.acks.length).toBeGreaterThan(0)
    expect((await readdir(join(dir, 'annotations'))).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('a read-only folder: the save fails with a clear error and the previous state stays intact', { timeout: 30_000 }, async () => {
    const { dir, articleId } = await libraryWithOneArticle()
    const store = await LibraryStore.open(dir)
    const kept = annotation(articleId)
    await store.setAnnotations(articleId, [kept])
    await store.close()
    const annotationsDir = join(dir, 'annotations')
    // Root ignores permissions, so as root the writer runs as "nobody".
    const asRoot = process.getuid?.() === 0
    if (asRoot) await chownTree(dir, 65534)
    await chmod(annotationsDir, 0o555)
    const run = startChild(['count', dir, '1'], asRoot ? { uid: 65534, gid: 65534 } : {})
    const code = await run.exited
    await chmod(annotationsDir, 0o755)
    expect(code).not.toBe(0)
    expect(run.lines.join('\n')).toMatch(/could not be saved to .*annotations\/[0-9a-f]+\.json/)
    const reopened = await LibraryStore.open(dir)
    expect(await reopened.getAnnotations(articleId)).toEqual([kept])
    await reopened.close()
  })
})

async function chownTree(path: string, uid: number): Promise<void> {
  await chown(path, uid, uid)
  if ((await stat(path)).isDirectory()) for (const name of await readdir(path)) await chownTree(join(path, name), uid)
}

