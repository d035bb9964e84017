import { chmod, chown, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/node/store/library-store'
import { ROOT, tempDir } from '../helpers'
import { annotation, article } from './fixtures'
import { startChild as startScript, type ChildOptions } from './store-child'

/**
 * Fault tests: real processes, real files, real kills. Bounded in time: each test has a fixed
 * number of rounds and a timeout.
 */
const CHILD = join(ROOT, 'test', 'store', 'fault-child.ts')

const startChild = (args: string[], options: ChildOptions = {}) => startScript(CHILD, args, options)

async function libraryWithOneArticle(): Promise<{ dir: string; articleId: string }> {
  const dir = await tempDir()
  const store = await LibraryStore.open(dir)
  const a = article(1)
  await store.addArticles([a])
  await store.close()
  return { dir, articleId: a.id }
}

describe('fault tolerance', () => {
  it('loses no acknowledged write of any kind when the writer is SIGKILLed at random points', { timeout: 180_000 }, async () => {
    const dir = await tempDir()
    const setup = await LibraryStore.open(dir)
    const [a1, a2] = [article(1), article(2)]
    await setup.addArticles([a1, a2])
    await setup.close()
    const acknowledged: string[][] = []
    const rounds = 16
    for (let round = 0; round < rounds; round++) {
      // A small bound on the index's log: compactions happen every few index writes, under the kills too.
      // Killed as soon as it has acknowledged its Nth write ("ready" is line 1), N different each
      // round (a fixed sequence from 1 to 40: three of the writer's loops, so the deletions come
      // too). The writer has gone on into its next write by then, as far as it got while the line
      // travelled: the kill lands inside and between writes of every kind, whatever the load.
      const acksBeforeKill = 1 + ((round * 7) % 40)
      const run = startChild(['every', dir], { env: { INDEX_LOG_BYTES: '4000' }, killAtLine: 1 + acksBeforeKill })
      await run.exited
      expect(run.killed(), run.lines.join('\n')).toBe(true)
      acknowledged.push(...run.acks.map((line) => line.split(' ')))

      const store = await LibraryStore.open(dir)
      try {
        // A kill is never taken for damage: both copies of every file are in step, or the file wins silently.
        expect(store.recoveryEvents, `round ${round}`).toEqual([])
        const missing: string[] = []
        const annotationIds = new Set<string>()
        for (const summary of store.listArticles()) for (const a of await store.getAnnotations(summary.id)) annotationIds.add(a.id)
        const tagIds = new Set(store.listTags().map((t) => t.id))
        const briefIds = new Set(store.listBriefs().map((b) => b.id))
        let lastMarking: string | null = null
        const lastRevision = new Map<string, number>()
        for (const [kind, id, value] of acknowledged) {
          if (kind === 'annotation' && !annotationIds.has(id!)) missing.push(`annotation ${id}`)
          if (kind === 'article' && (await store.getArticle(id!)) === null && !acknowledged.some(([k, other]) => k === 'deleting-article' && other === id)) missing.push(`article ${id}`)
          if (kind === 'deleted-article' && (store.hasArticle(id!) || (await store.getArticle(id!)) !== null)) missing.push(`deletion of article ${id}`)
          if (kind === 'revision') lastRevision.set(id!, Number(value))
          if (kind === 'tag' && !tagIds.has(id!)) missing.push(`tag ${id}`)
          if (kind === 'marking') lastMarking = id!
          if (kind === 'brief' && !briefIds.has(id!) && !acknowledged.some(([k, other]) => k === 'deleting-brief' && other === id)) missing.push(`brief ${id}`)
          if (kind === 'deleted-brief' && briefIds.has(id!)) missing.push(`deletion of brief ${id}`)
        }
        // A later, unacknowledged revision or marking may have landed too; never an older one.
        for (const [id, revision] of lastRevision) expect((await store.getArticle(id))!.revision, `round ${round}`).toBeGreaterThanOrEqual(revision)
        if (lastMarking !== null) expect(store.settings.markings).toContain(lastMarking)
        expect(missing, `round ${round}`).toEqual([])
      } finally {
        await store.close()
      }
    }
    // The writer got far enough for the kills to land inside and between writes of every kind.
    const kinds = new Set(acknowledged.map(([kind]) => kind))
    expect([...kinds].sort()).toEqual(['annotation', 'article', 'brief', 'deleted-article', 'deleted-brief', 'deleting-article', 'deleting-brief', 'marking', 'revision', 'tag'])
  })

  it('a commit of many annotation files at once (a team sync group) is all or nothing when the writer is SIGKILLed', { timeout: 180_000 }, async () => {
    const dir = await tempDir()
    const setup = await LibraryStore.open(dir)
    await setup.addArticles(Array.from({ length: 24 }, (_, i) => article(i + 1)))
    await setup.close()
    const acknowledged: string[][] = []
    const started: string[][] = []
    for (let round = 0; round < 10; round++) {
      // The writer prints "ready", then "writing group …" and "ack group …" in turn: killed after
      // line 2 to 8, a different one each round, so the kill lands just after a group began (even
      // lines) or just after one was acknowledged (odd lines), as far as the writer got meanwhile.
      const run = startChild(['groups', dir], { killAtLine: 2 + ((round * 3) % 7) })
      await run.exited
      expect(run.killed(), run.lines.join('\n')).toBe(true)
      acknowledged.push(...run.acks.filter((line) => line.startsWith('group ')).map((line) => line.split(' ').slice(1)))
      started.push(...run.lines.filter((line) => line.startsWith('writing group ')).map((line) => line.split(' ').slice(2)))

      const store = await LibraryStore.open(dir)
      try {
        expect(store.recoveryEvents, `round ${round}`).toEqual([])
        const present = new Set<string>()
        for (const summary of store.listArticles()) for (const a of await store.getAnnotations(summary.id)) present.add(a.id)
        // Every acknowledged group is there whole; a group under way when the kill landed is there whole or not at all.
        for (const group of acknowledged) expect(group.filter((id) => !present.has(id)), `round ${round}`).toEqual([])
        for (const group of started) expect([0, group.length], `round ${round}: ${group.filter((id) => present.has(id)).length} of ${group.length}`).toContain(group.filter((id) => present.has(id)).length)
      } finally {
        await store.close()
      }
    }
    // The kills landed after some groups were acknowledged, and some while one was being written.
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(started.length).toBeGreaterThan(acknowledged.length)
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
    const run = startChild(['count', dir, '1'], asRoot ? { uid: 65534 } : {})
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

