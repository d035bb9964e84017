import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LibraryChange } from '../../src/common/model/library-change'
import { SEQ_RESERVATION } from '../../src/node/store/change-feed'
import { LibraryStore } from '../../src/node/store/library-store'
import { SEQUENCE_FILE } from '../../src/node/store/sequence-file'
import { tempDir } from '../helpers'
import { annotation, article, sampleBrief, tag } from './fixtures'

const opened: LibraryStore[] = []
const dirs: string[] = []
async function open(dir: string, options: Parameters<typeof LibraryStore.open>[1] = {}) {
  const store = await LibraryStore.open(dir, options)
  opened.push(store)
  return store
}
async function fresh(): Promise<string> {
  const dir = await tempDir()
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

function listen(store: LibraryStore): LibraryChange[] {
  const changes: LibraryChange[] = []
  store.onChange((change) => changes.push(change))
  return changes
}

describe('the change feed', () => {
  it('announces one record per durable commit, with what changed and a rising sequence number', async () => {
    const store = await open(await fresh())
    const changes = listen(store)
    const [first, second] = [article(1), article(2)]
    await store.addArticles([first, second])
    await store.setAnnotations(first.id, [annotation(first.id)])
    await store.update({ annotations: [first.id] }, (current) => {
      // The listener has not heard of this commit yet: it is announced only once it is on disk.
      expect(changes).toHaveLength(2)
      return { writes: { tags: [tag('Trade')], annotations: new Map([[second.id, [annotation(second.id)]]]) }, value: current.annotations.get(first.id)!.length }
    })
    const brief = sampleBrief('Gặp Đại sứ')
    await store.saveBrief(brief)
    await store.deleteBrief(brief.id)
    await store.updateSettings({ locale: 'vi' })
    await store.deleteArticle(second.id)
    // A function that writes nothing commits nothing and announces nothing.
    expect(await store.update({}, () => ({ writes: {}, value: 'unchanged' }))).toBe('unchanged')

    expect(changes.map((change) => change.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(changes.map(({ seq: _, ...body }) => Object.fromEntries(Object.entries(body).filter(([, value]) => value !== false && !(Array.isArray(value) && value.length === 0))))).toEqual([
      { articles: [first.id, second.id] },
      { annotations: [first.id] },
      { annotations: [second.id], tags: true },
      { briefs: [brief.id] },
      { deletedBriefs: [brief.id] },
      { settings: true },
      { deletedArticles: [second.id] },
    ])
    expect(store.changeSeq).toBe(7)
  })

  it('keeps numbering across closing and reopening, and a failed update neither writes nor uses a number', async () => {
    const dir = await fresh()
    let store = await open(dir)
    await store.addArticles([article(1)])
    await expect(store.update({}, () => {
      throw new Error('refused')
    })).rejects.toThrow('refused')
    await store.setTags([tag('Trade')])
    expect(store.changeSeq).toBe(2)
    await store.close()
    expect(JSON.parse(await readFile(join(dir, SEQUENCE_FILE), 'utf8'))).toEqual({ seq: 2 })

    store = await open(dir)
    expect(store.changeSeq).toBe(2)
    const changes = listen(store)
    await store.setTags([tag('Trade'), tag('APEC')])
    expect(changes.map((change) => change.seq)).toEqual([3])
    // A read-only open sees the number and never writes it.
    await store.close()
    const reader = await open(dir, { mode: 'read' })
    expect(reader.changeSeq).toBe(3)
  })

  it('persists a reservation before handing out numbers beyond it, so a crash can only leave a gap', async () => {
    const dir = await fresh()
    const store = await open(dir)
    await store.addArticles([article(1)])
    // Before the clean close, the file holds the reservation, above every number handed out.
    expect(JSON.parse(await readFile(join(dir, SEQUENCE_FILE), 'utf8'))).toEqual({ seq: SEQ_RESERVATION })
  })

  it('goes on above the clock when sequence.json is damaged, and above its own numbers after a restore', async () => {
    const dir = await fresh()
    let store = await open(dir)
    await store.addArticles([article(1)])
    const backup = join(await fresh(), 'library.bdbackup')
    await store.backupTo(backup)
    await store.close()
    await writeFile(join(dir, SEQUENCE_FILE), '\0\0\0')
    const now = new Date('2026-12-07T00:00:00Z')
    store = await open(dir, { now: () => now })
    expect(store.changeSeq).toBe(now.getTime())
    const changes = listen(store)
    await store.restoreFrom(backup)
    expect(changes).toEqual([expect.objectContaining({ seq: now.getTime() + 1, everything: true })])
  })
})
