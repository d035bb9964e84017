import { appendFile, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Annotation } from '../../src/common/model/annotation'
import { LibraryStore } from '../../src/node/store/library-store'
import { readThemeIndex, THEME_INDEX_FILE, THEME_INDEX_LOG } from '../../src/node/themes/theme-index-file'
import { readThemeIndexOffThread } from '../../src/node/themes/theme-index-reader'
import { countHighlights, ThemeIndex } from '../../src/node/themes/theme-index'
import { generateHighlightedLibrary, SCALE_THEME } from '../../bench/ui-scale-library'
import { tempDir } from '../helpers'

const ARTICLES = 24
const PER_ARTICLE = 3

const opened: Array<{ store: LibraryStore; index: ThemeIndex }> = []
afterEach(async () => {
  for (const { store, index } of opened.splice(0)) {
    index.stop()
    await store.close()
  }
})

async function openIndex(dir: string, options: { waitForRebuildUpTo?: number; offThreadFrom?: number } = {}): Promise<{ store: LibraryStore; index: ThemeIndex }> {
  const store = await LibraryStore.open(dir)
  const index = new ThemeIndex(store, options)
  opened.push({ store, index })
  return { store, index }
}

async function closeIndex(entry: { store: LibraryStore; index: ThemeIndex }): Promise<void> {
  await entry.index.settled()
  entry.index.stop()
  await entry.store.close()
  opened.splice(opened.indexOf(entry), 1)
}

/** The counts and the scale theme's list as the highlights files say, computed from scratch. */
async function truth(store: LibraryStore): Promise<{ totals: Record<string, number>; own: Record<string, number> }> {
  return countHighlights(store.listTags(), await store.allAnnotations())
}

async function library(): Promise<string> {
  const dir = await tempDir()
  await generateHighlightedLibrary(dir, ARTICLES, PER_ARTICLE, 200)
  return dir
}

function economyOf(store: LibraryStore): string {
  return store.listTags().find((tag) => tag.name === SCALE_THEME)!.id
}

describe('the theme index cache (issue 20)', () => {
  it('is written once built, and a later open answers from it without reading the highlights files', async () => {
    const dir = await library()
    const first = await openIndex(dir)
    const counts = await first.index.counts()
    expect(counts.catchingUp).toBeNull()
    const expected = await truth(first.store)
    expect(counts.totals).toEqual(expected.totals)
    expect(counts.own).toEqual(expected.own)
    const list = await first.index.list(economyOf(first.store))
    await closeIndex(first)

    // The highlights files moved away (and their second copies): only the cache can know the counts and the list.
    for (const folder of ['annotations', join('mirror', 'annotations')]) await rename(join(dir, folder), join(dir, `${folder}.away`))
    try {
      const second = await openIndex(dir)
      const again = await second.index.counts()
      expect(again).toEqual({ own: expected.own, totals: expected.totals, catchingUp: null })
      const listed = await second.index.list(economyOf(second.store))
      expect(listed.starts.at(-1)).toBe(ARTICLES * PER_ARTICLE)
      expect(listed.groups.map((group) => [group.articleId, group.refs.map((ref) => ref.id)])).toEqual(list.groups.map((group) => [group.articleId, group.refs.map((ref) => ref.id)]))
      await closeIndex(second)
    } finally {
      for (const folder of ['annotations', join('mirror', 'annotations')]) await rename(join(dir, `${folder}.away`), join(dir, folder))
    }
  })

  it('takes one highlight change in as one line of its log, and a reopen agrees with a rebuild from scratch', async () => {
    const dir = await library()
    const first = await openIndex(dir)
    const economy = economyOf(first.store)
    const before = await first.index.counts()
    const log = async () => (await readFile(join(dir, THEME_INDEX_LOG), 'utf8').catch(() => '')).split('\n').filter((line) => line !== '')
    const linesBefore = (await log()).length

    // A new highlight on the last article, carrying a sub-theme and a note: one commit, one line.
    const article = first.store.listArticles().at(-1)!
    const annotations = await first.store.getAnnotations(article.id)
    const sub = annotations[0]!.tagIds[0]!
    const added: Annotation = { ...annotations[0]!, id: 'an_00000000000000ff', note: 'Why it matters', position: { ...annotations[0]!.position, start: 1, end: 9 } }
    await first.store.setAnnotations(article.id, [...annotations, added])
    await first.index.settled()
    expect((await log()).length).toBe(linesBefore + 1)
    const after = await first.index.counts()
    expect(after.totals[economy]).toBe(before.totals[economy]! + 1)
    expect(after.totals[sub]).toBe(before.totals[sub]! + 1)
    expect(after.own[sub]).toBe(before.own[sub]! + 1)
    const list = await first.index.list(economy)
    const group = list.groups.find((candidate) => candidate.articleId === article.id)!
    // In document order: the new highlight starts at 1, before the others.
    expect(group.refs[0]).toMatchObject({ id: added.id, noted: true })
    await closeIndex(first)

    const reopened = await openIndex(dir)
    const cached = await reopened.index.counts()
    const cachedList = await reopened.index.list(economy)
    await closeIndex(reopened)
    await writeFile(join(dir, THEME_INDEX_FILE), 'not a checkpoint\n')
    const rebuilt = await openIndex(dir)
    expect(await rebuilt.index.counts()).toEqual(cached)
    expect((await rebuilt.index.list(economy)).groups).toEqual(cachedList.groups)
    expect(cached.totals).toEqual((await truth(rebuilt.store)).totals)
  })

  it('is loaded in the background after opening when current (no file read at the first selection), and stays exact through edits after', async () => {
    const dir = await library()
    await closeIndex(await openIndex(dir).then(async (entry) => (await entry.index.counts(), entry)))
    const entry = await openIndex(dir)
    const economy = economyOf(entry.store)
    const expected = await truth(entry.store)
    expect(await entry.index.preload()).toBe(true)

    // The cache and every highlights file moved away: only an index already in memory can answer.
    const away = [THEME_INDEX_FILE, 'annotations', join('mirror', 'annotations')]
    for (const path of away) await rename(join(dir, path), join(dir, `${path}.away`))
    try {
      expect(await entry.index.counts()).toEqual({ own: expected.own, totals: expected.totals, catchingUp: null })
      expect((await entry.index.list(economy)).starts.at(-1)).toBe(ARTICLES * PER_ARTICLE)
    } finally {
      for (const path of away) await rename(join(dir, `${path}.away`), join(dir, path))
    }

    // An edit, then its reversal (as an undo writes it back): counts and the list follow each.
    const article = entry.store.listArticles()[2]!.id
    const before = await entry.store.getAnnotations(article)
    await entry.store.setAnnotations(article, before.slice(1))
    await entry.index.settled()
    expect((await entry.index.counts()).totals[economy]).toBe(ARTICLES * PER_ARTICLE - 1)
    expect((await entry.index.list(economy)).starts.at(-1)).toBe(ARTICLES * PER_ARTICLE - 1)
    await entry.store.setAnnotations(article, before)
    await entry.index.settled()
    expect((await entry.index.counts()).totals).toEqual((await truth(entry.store)).totals)
    expect((await entry.index.list(economy)).starts.at(-1)).toBe(ARTICLES * PER_ARTICLE)
  })

  it('is not rebuilt in the background when the cache is behind: the preload leaves that to the view', async () => {
    const dir = await library()
    await closeIndex(await openIndex(dir).then(async (entry) => (await entry.index.counts(), entry)))
    const store = await LibraryStore.open(dir)
    await store.setAnnotations(store.listArticles()[0]!.id, [])
    await store.close()
    const checkpoint = await readFile(join(dir, THEME_INDEX_FILE), 'utf8')
    const entry = await openIndex(dir, { waitForRebuildUpTo: 0 })
    expect(await entry.index.preload()).toBe(false)
    await entry.index.settled()
    expect(await readFile(join(dir, THEME_INDEX_FILE), 'utf8')).toBe(checkpoint)
    // The view's first question starts the rebuild, which ends exact.
    await entry.index.counts()
    await entry.index.settled()
    expect((await entry.index.counts()).totals).toEqual((await truth(entry.store)).totals)
  })

  it('rebuilds a damaged cache in the background: the first answer says it is catching up, then counts are whole', async () => {
    const dir = await library()
    await closeIndex(await openIndex(dir).then(async (entry) => (await entry.index.counts(), entry)))
    await writeFile(join(dir, THEME_INDEX_FILE), '{"format":1,"seq":0}\n["ar_x",[["broken"]]]\n')
    const entry = await openIndex(dir, { waitForRebuildUpTo: 0 })
    const early = await entry.index.counts()
    expect(early.catchingUp).toEqual({ done: 0, total: ARTICLES })
    await entry.index.settled()
    const whole = await entry.index.counts()
    expect(whole.catchingUp).toBeNull()
    expect(whole.totals).toEqual((await truth(entry.store)).totals)
    // The rebuild wrote a new checkpoint, which the next open loads.
    expect((await readFile(join(dir, THEME_INDEX_FILE), 'utf8')).split('\n')[0]).toContain(`"seq":${entry.store.changeSeq}`)
  })

  it('rebuilds a cache that is behind the library: a change no index heard, or a torn last line of its log', async () => {
    const dir = await library()
    const first = await openIndex(dir)
    const economy = economyOf(first.store)
    await first.index.counts()
    await closeIndex(first)

    // A change made with no theme index following (another program, a crash before the log line).
    const store = await LibraryStore.open(dir)
    const article = store.listArticles()[0]!
    await store.setAnnotations(article.id, [])
    await store.close()
    const behind = await openIndex(dir)
    expect((await behind.index.counts()).totals[economy]).toBe(ARTICLES * PER_ARTICLE - PER_ARTICLE)
    await closeIndex(behind)

    // A torn log line (a crash in the middle of an append): what follows it is not trusted.
    await appendFile(join(dir, THEME_INDEX_LOG), '{"seq":')
    const torn = await LibraryStore.open(dir)
    const annotations = await torn.getAnnotations(torn.listArticles()[1]!.id)
    await torn.setAnnotations(torn.listArticles()[1]!.id, annotations.slice(1))
    await torn.close()
    const entry = await openIndex(dir)
    expect((await entry.index.counts()).totals[economy]).toBe(ARTICLES * PER_ARTICLE - PER_ARTICLE - 1)
  })

  it('writes nothing in a library opened read-only, and still answers', async () => {
    const dir = await library()
    const store = await LibraryStore.open(dir, { mode: 'read' })
    const index = new ThemeIndex(store)
    opened.push({ store, index })
    expect((await index.counts()).totals[economyOf(store)]).toBe(ARTICLES * PER_ARTICLE)
    await index.settled()
    await expect(readFile(join(dir, THEME_INDEX_FILE))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('is parsed in a worker when large, to the same references, and a damaged one reads as missing there too', async () => {
    const dir = await library()
    const first = await openIndex(dir)
    await first.index.counts()
    // One change after the checkpoint: the log is replayed in the worker too.
    const article = first.store.listArticles()[0]!.id
    const annotations = await first.store.getAnnotations(article)
    const changed = annotations[0]!
    const noted = changed.note.trim() === ''
    await first.store.setAnnotations(article, annotations.map((annotation) => (annotation === changed ? { ...annotation, note: noted ? 'Ghi chú mới' : '' } : annotation)))
    await closeIndex(first)

    const inPlace = await readThemeIndex(dir)
    // offThreadFrom 0: every checkpoint goes to the worker (run from source here, through tsx).
    const offThread = await readThemeIndexOffThread(dir, 0)
    expect(inPlace).not.toBeNull()
    expect(offThread).toEqual(inPlace)
    expect(offThread!.articles.get(article)!.find((ref) => ref.id === changed.id)!.noted).toBe(noted)

    // The index opened that way answers as one read in place does.
    const second = await openIndex(dir, { offThreadFrom: 0 })
    const expected = await truth(second.store)
    expect(await second.index.counts()).toEqual({ own: expected.own, totals: expected.totals, catchingUp: null })
    expect((await second.index.list(economyOf(second.store))).starts.at(-1)).toBe(ARTICLES * PER_ARTICLE)
    await closeIndex(second)

    await appendFile(join(dir, THEME_INDEX_FILE), 'not json\n')
    expect(await readThemeIndexOffThread(dir, 0)).toBeNull()
  }, 120_000)
})
