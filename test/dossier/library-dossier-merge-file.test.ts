import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { DOSSIER_MERGE_FILE } from '../../src/node/dossier/merge-snapshot'
import { DOSSIER_VIEWS_FILE } from '../../src/node/dossier/views-snapshot'
import { closeLibrary, openLibrary } from '../annotations/open-library'

/**
 * The saved merge (cache/dossier-merge.json, merge-snapshot.ts) on the real store in real temp
 * folders: written at close, read on reopening instead of merging, and never stale: an article
 * edited while the library was closed (by another opening of it) is merged again, and the result
 * is what a merge from nothing gives.
 */
const TRADE = 'c3c0090a9111'
const MARK = 'Zzsaved'
const EDIT = '\n\nĐại sứ Phạm Thị Kim Hoa dự lễ khai trương văn phòng mới ngày 9/12/2024.'

interface SavedFile {
  people: { names: string[]; keys: string[]; refs: [number, number][] }[]
  articles: [string, string][]
}

/** The file's two lines (the person entries, then stamps and timeline) as one object. */
async function readSaved(dir: string): Promise<SavedFile & Record<string, unknown>> {
  const [head, rest] = (await readFile(join(dir, DOSSIER_MERGE_FILE), 'utf8')).split('\n').map((line) => JSON.parse(line || 'null') as Record<string, unknown>)
  const ids = head!['ids'] as string[]
  const stamps = rest!['stamps'] as string[]
  return { ...head!, ...rest!, articles: ids.map((id, index) => [id, stamps[index]!]) } as SavedFile & Record<string, unknown>
}

/** Writes an object read by readSaved back as the file's two lines. */
function savedText(saved: SavedFile & Record<string, unknown>): string {
  const { articles, people, dates, unresolved, stamps: _stamps, ids: _ids, ...head } = saved
  return `${JSON.stringify({ ...head, ids: articles.map(([id]) => id), people })}\n${JSON.stringify({ stamps: articles.map(([, stamp]) => stamp), dates, unresolved })}\n`
}

/** Adds a name to the saved entries whose keys include one of these: a reopened library showing it read the file. */
async function mark(dir: string, keys: readonly string[]): Promise<void> {
  const saved = await readSaved(dir)
  for (const person of saved.people) if (person.keys.some((key) => keys.includes(key))) person.names.push(MARK)
  await writeFile(join(dir, DOSSIER_MERGE_FILE), savedText(saved))
}

async function forgetViews(dir: string): Promise<void> {
  await rm(join(dir, DOSSIER_VIEWS_FILE), { force: true })
}

/** Edits the trade article in an opening of the library that never uses the dossier (as another process would). */
async function editWhileClosed(dir: string): Promise<void> {
  const other = await openLibrary({ dir })
  const trade = await other.service.getArticle({ id: TRADE })
  await other.service.editArticleText({ id: TRADE, text: `${bodyText(trade.blocks)}${EDIT}` })
  await closeLibrary(other.service)
}

describe('the dossier’s saved merge', () => {
  it('is written at close and read on reopening instead of merging', async () => {
    const first = await openLibrary()
    const { people } = await first.service.dossierPeople()
    await closeLibrary(first.service)
    expect((await stat(join(first.dir, DOSSIER_MERGE_FILE))).size).toBeGreaterThan(0)
    const saved = await readSaved(first.dir)
    expect(saved.people).toHaveLength(people.length)
    await mark(first.dir, ['pham thi kim hoa'])
    await forgetViews(first.dir)
    const second = await openLibrary({ dir: first.dir })
    expect((await second.service.dossierPerson({ key: 'pham thi kim hoa' })).names).toContain(MARK)
  })

  it('is brought in step with an article edited while the library was closed: the view changes, the rest is read', async () => {
    const first = await openLibrary()
    const { people } = await first.service.dossierPeople()
    const before = await first.service.dossierPerson({ key: 'pham thi kim hoa' })
    expect(before.mentions.some((mention) => mention.articleId === TRADE && mention.context.includes('khai trương'))).toBe(false)
    // A person the edit does not concern: no article in common, no word of the name in common.
    const hoaWords = new Set(before.names.flatMap((name) => name.toLowerCase().split(' ')))
    const details = await Promise.all(people.map((person) => first.service.dossierPerson({ key: person.key })))
    const apart = details.find((person) => person.key !== before.key && person.mentions.every((mention) => mention.articleId !== TRADE) && person.names.every((name) => name.toLowerCase().split(' ').every((word) => !hoaWords.has(word))))!
    expect(apart).toBeDefined()
    await closeLibrary(first.service)
    await mark(first.dir, [before.key, apart.key])
    await editWhileClosed(first.dir)
    await forgetViews(first.dir)

    const second = await openLibrary({ dir: first.dir })
    const after = await second.service.dossierPerson({ key: 'pham thi kim hoa' })
    // Made again from the edited article: the new mention, and not the mark.
    expect(after.mentions.some((mention) => mention.articleId === TRADE && mention.context.includes('khai trương'))).toBe(true)
    expect(after.names).not.toContain(MARK)
    // Read from the file: the mark.
    expect((await second.service.dossierPerson({ key: apart.key })).names).toContain(MARK)
    const timeline = await second.service.dossierTimeline({ from: '2024-12-09', to: '2024-12-09' })
    expect(timeline.entries.some((entry) => entry.text.includes('khai trương'))).toBe(true)
  })

  it('gives after an edit while closed what a merge from nothing gives', async () => {
    const first = await openLibrary()
    await first.service.dossierPeople()
    await closeLibrary(first.service)
    const written = await readSaved(first.dir)
    await editWhileClosed(first.dir)
    await forgetViews(first.dir)

    const second = await openLibrary({ dir: first.dir })
    const people = await second.service.dossierPeople()
    const timeline = await second.service.dossierTimeline({ limit: 5000 })
    const details = await Promise.all(people.people.map((person) => second.service.dossierPerson({ key: person.key })))
    await closeLibrary(second.service)
    // Written again at close, for the article as it now is.
    const rewritten = await readSaved(first.dir)
    expect(rewritten.articles.find(([id]) => id === TRADE)?.[1]).not.toBe(written.articles.find(([id]) => id === TRADE)?.[1])

    await rm(join(first.dir, DOSSIER_MERGE_FILE))
    await forgetViews(first.dir)
    const fresh = await openLibrary({ dir: first.dir })
    expect(await fresh.service.dossierPeople()).toEqual(people)
    expect(await fresh.service.dossierTimeline({ limit: 5000 })).toEqual(timeline)
    expect(await Promise.all(people.people.map((person) => fresh.service.dossierPerson({ key: person.key })))).toEqual(details)
  })

  it('is not used when damaged (outside or inside) or of another format', async () => {
    const first = await openLibrary()
    const { people } = await first.service.dossierPeople()
    await closeLibrary(first.service)
    const saved = await readSaved(first.dir)
    // Cut short; another version; the right outline with damaged entries inside (references that are not pairs).
    const damaged = ['{"format":', savedText({ ...saved, version: -1, people: [] }), savedText({ ...saved, people: saved.people.map((person) => ({ ...person, refs: 'x' as unknown as [number, number][] })) })]
    for (const text of damaged) {
      await writeFile(join(first.dir, DOSSIER_MERGE_FILE), text)
      await forgetViews(first.dir)
      const again = await openLibrary({ dir: first.dir })
      expect((await again.service.dossierPeople()).people).toEqual(people)
      await closeLibrary(again.service)
    }
  })
})
