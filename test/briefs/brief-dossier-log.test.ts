import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { briefDossier } from '../../src/common/brief/brief-dossier'
import { extractArticleDossier } from '../../src/common/dossier/extract-article'
import { bodyText } from '../../src/common/model/article'
import { decidedDossierOf } from '../../src/node/briefs/brief-dossier-source'
import { DOSSIER_CACHE_FILE } from '../../src/node/dossier/extraction-cache'
import { LibraryStore } from '../../src/node/store/library-store'
import { closeService, closeServices, CONSULTATION, openExporting, VISIT } from '../brief/dossier-service'
import { tempDir } from '../helpers'
import { seededLibrary } from '../themes/library'

/**
 * A brief's dossier (Who's who, Chronology, Refresh) takes its sources' extractions from the
 * library dossier's extraction log, one checked record per source, over the real store on a real
 * folder: the same people and timeline as extracting them, a record read as it is when sound, a
 * damaged one's article extracted instead.
 */
afterEach(closeServices)

const checksum = (json: string): string => crc32(json).toString(16).padStart(8, '0')

/** Uses the library's dossier in an opening of the library (its log and offset table written at close), after an optional edit of some articles. */
async function useDossier(dir: string, edit: readonly string[] = []): Promise<void> {
  const service = await openExporting(dir, join(await tempDir(), 'brief.md'))
  for (const id of edit) {
    const article = await service.getArticle({ id })
    await service.editArticleText({ id, text: `${bodyText(article.blocks)}\n\nHai bên trao đổi về hợp tác giáo dục.` })
  }
  await service.dossierPeople()
  await closeService(service)
}

/** The last record of an article in the log with its first person's name changed at one ASCII letter (same length), its checksum anew or stale. */
async function markPerson(dir: string, id: string, validChecksum: boolean): Promise<string> {
  const path = join(dir, DOSSIER_CACHE_FILE)
  const text = await readFile(path, 'utf8')
  const line = text.split('\n').filter((one) => one.slice(9).startsWith(`["${id}"`)).at(-1)!
  const record = JSON.parse(line.slice(9)) as [string, string, { people: { name: string }[] }]
  const name = record[2].people[0]!.name
  const at = name.search(/[a-y][^a-z]*$/u)
  const marked = `${name.slice(0, at)}q${name.slice(at + 1)}`
  record[2].people[0]!.name = marked
  const json = JSON.stringify(record)
  expect(json.length).toBe(line.length - 9)
  await writeFile(path, text.replace(line, `${validChecksum ? checksum(json) : line.slice(0, 8)} ${json}`))
  return marked
}

describe('a brief’s dossier from the library dossier’s extraction log', () => {
  it('gives what extracting its sources gives, reads a sound record as it is and extracts an article whose record is damaged', { timeout: 120_000 }, async () => {
    const dir = await seededLibrary([CONSULTATION, VISIT])
    await useDossier(dir)
    let store = await LibraryStore.open(dir)
    const ids = [CONSULTATION, VISIT].map(({ article }) => store.listArticles().find((summary) => summary.title.includes(article))!.id)
    try {
      const { metaOf, ...fromLog } = await decidedDossierOf(store, ids)
      expect(metaOf(ids[0]!)?.id).toBe(ids[0])
      const sources = ids.map((id) => store.findById(id)!).sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || (a.id < b.id ? -1 : 1))
      const extracted = await Promise.all(sources.map(async (summary) => extractArticleDossier((await store.getArticle(summary.id))!)))
      expect(fromLog).toEqual(briefDossier({ perArticle: extracted, decisions: [] }))
    } finally {
      await store.close()
    }

    // Both articles edited (new stamps, so nothing known from before), their new records marked: one sound, one damaged.
    await useDossier(dir, ids)
    const sound = await markPerson(dir, ids[0]!, true)
    const damaged = await markPerson(dir, ids[1]!, false)
    store = await LibraryStore.open(dir)
    try {
      const names = (await decidedDossierOf(store, ids)).people.flatMap((person) => person.names)
      expect(names).toContain(sound)
      expect(names).not.toContain(damaged)
    } finally {
      await store.close()
    }
  })
})
