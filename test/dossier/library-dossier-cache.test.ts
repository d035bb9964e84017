import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { createDispatcher } from '../../src/node/dispatch'
import { DOSSIER_CACHE_FILE, DOSSIER_CACHE_INDEX_FILE } from '../../src/node/dossier/extraction-cache'
import { DOSSIER_MERGE_FILE } from '../../src/node/dossier/merge-snapshot'
import { DOSSIER_VIEWS_FILE } from '../../src/node/dossier/views-snapshot'
import { closeLibrary, openLibrary } from '../annotations/open-library'

/**
 * The library dossier's caches on the real store in real temp folders: the extraction log
 * (cache/dossier-extractions.ndjson) is read instead of extracting on reopening, an edit appends
 * that article's record alone, damaged records are skipped (their articles extracted again) and
 * the log compacted; the saved views (cache/dossier-views.json) paint a reopened library without
 * a merge while nothing changed. Also the organisations the API gives the People view, and a split
 * decision across re-extraction.
 */
const CONSULTATIONS = '87ac6e0b16b8'
const TRADE = 'c3c0090a9111'
const MARK = 'Zzcached'

interface CacheFile {
  header: { format: string; version: number; generation: string }
  /** Each article's last record JSON. */
  lines: Map<string, string>
  records: number
  /** Every record's checksum matches. */
  valid: boolean
  text: string
}

const checksum = (json: string): string => crc32(json).toString(16).padStart(8, '0')

async function readCache(dir: string): Promise<CacheFile> {
  const text = await readFile(join(dir, DOSSIER_CACHE_FILE), 'utf8')
  const lines = text.split('\n')
  lines.pop()
  const records = lines.slice(1).map((line) => ({ sum: line.slice(0, 8), json: line.slice(9) }))
  const entries = new Map<string, string>()
  for (const { json } of records) {
    const value = JSON.parse(json) as unknown[]
    if (value.length === 1) entries.delete(value[0] as string)
    else entries.set(value[0] as string, json)
  }
  return { header: JSON.parse(lines[0]!), lines: entries, records: records.length, valid: records.every(({ sum, json }) => sum === checksum(json)), text }
}

/** Writes the log back with valid checksums, as the app would have written these records (without an offset table: it would not describe them). */
async function writeCache(dir: string, header: object, lines: Iterable<string>): Promise<void> {
  await rm(join(dir, DOSSIER_CACHE_INDEX_FILE), { force: true })
  await writeFile(join(dir, DOSSIER_CACHE_FILE), `${[JSON.stringify(header), ...[...lines].map((json) => `${checksum(json)} ${json}`)].join('\n')}\n`)
}

/** The record of an article with every person's name marked: shows whether the next open used the file. */
function marked(line: string): string {
  const [id, stamp, dossier, offsets, contexts] = JSON.parse(line)
  for (const person of dossier.people) person.name = `${person.name} ${MARK}`
  return JSON.stringify([id, stamp, dossier, offsets, contexts])
}

/** The names marked, as the merged state has them (a person's detail is never served from the saved views). */
async function markedNames(service: Awaited<ReturnType<typeof openLibrary>>['service']): Promise<string[]> {
  const detail = await service.dossierPerson({ key: 'pham thi kim hoa' })
  const { people } = await service.dossierPeople()
  return [...detail.names, ...people.flatMap((person) => person.names)].filter((name) => name.includes(MARK))
}

/**
 * Removes the saved views and the saved merge (cache/dossier-merge.json), which hold names as the
 * log held them when they were written: a reopened library then merges from the log as it is.
 */
async function forgetViews(dir: string): Promise<void> {
  await rm(join(dir, DOSSIER_VIEWS_FILE), { force: true })
  await rm(join(dir, DOSSIER_MERGE_FILE), { force: true })
}

describe('the dossier’s extraction log', () => {
  it('is written after first use, read instead of extracting on reopening, and an edit appends that article’s record alone', async () => {
    const first = await openLibrary()
    const { people, articleCount } = await first.service.dossierPeople()
    await closeLibrary(first.service)
    const written = await readCache(first.dir)
    expect(written.valid).toBe(true)
    expect(written.lines.size).toBe(articleCount)
    expect(written.records).toBe(articleCount)

    // Mark what the file says of the consultations article: a reopened library shows the mark, so it read the file.
    await writeCache(first.dir, written.header, [...written.lines].map(([id, line]) => (id === CONSULTATIONS ? marked(line) : line)))
    await forgetViews(first.dir)
    const second = await openLibrary({ dir: first.dir })
    expect((await markedNames(second.service)).length).toBeGreaterThan(0)
    expect((await second.service.dossierPeople()).people).toHaveLength(people.length)
    await second.service.dossierPeople()
    const before = await readCache(first.dir)

    // Edit the trade article: it is extracted again, the consultations article is not (its mark stays).
    const trade = await second.service.getArticle({ id: TRADE })
    await second.service.editArticleText({ id: TRADE, text: `${bodyText(trade.blocks)}\n\nĐại sứ Phạm Thị Kim Hoa dự lễ khai trương văn phòng mới.` })
    const afterEdit = await second.service.dossierPerson({ key: 'pham thi kim hoa' })
    expect(afterEdit.mentions.some((mention) => mention.articleId === TRADE && mention.context.includes('khai trương'))).toBe(true)
    expect((await markedNames(second.service)).length).toBeGreaterThan(0)
    await closeLibrary(second.service)
    const after = await readCache(first.dir)
    expect(after.valid).toBe(true)
    // Appended: the log as it was, then one record, the trade article's.
    expect(after.text.startsWith(before.text)).toBe(true)
    expect(after.records).toBe(before.records + 1)
    expect(JSON.parse(after.text.slice(before.text.length).slice(9))[0]).toBe(TRADE)
    expect(after.lines.get(CONSULTATIONS)).toContain(MARK)
    expect(JSON.parse(after.lines.get(TRADE)!)[1]).not.toBe(JSON.parse(written.lines.get(TRADE)!)[1])
    for (const [id, line] of written.lines) if (id !== TRADE && id !== CONSULTATIONS) expect(after.lines.get(id)).toBe(line)
  })

  it('skips a damaged record (its article extracted again, the others read) and a torn append, then compacts', async () => {
    const first = await openLibrary()
    await first.service.dossierPeople()
    await closeLibrary(first.service)
    const written = await readCache(first.dir)
    const markedLines = new Map([...written.lines].map(([id, line]) => [id, marked(line)]))

    // One record's bytes no longer match its checksum, and a crash tore the last append.
    await writeCache(first.dir, written.header, markedLines.values())
    const path = join(first.dir, DOSSIER_CACHE_FILE)
    let text = await readFile(path, 'utf8')
    const consultations = text.indexOf(`["${CONSULTATIONS}"`)
    const at = text.indexOf(MARK, consultations)
    text = `${text.slice(0, at)}Q${text.slice(at + 1)}${checksum('["x"]').slice(0, 4)} ["${TRADE}", "torn`
    await writeFile(path, text)
    await forgetViews(first.dir)
    const second = await openLibrary({ dir: first.dir })
    // Other articles' records were read (their marks show); the damaged one's article is extracted again (below).
    const { people } = await second.service.dossierPeople()
    expect(people.some((person) => person.names.some((name) => name.includes(MARK)))).toBe(true)
    expect(people.some((person) => !person.names.some((name) => name.includes(MARK)))).toBe(true)
    await closeLibrary(second.service)
    // Compacted: one valid record per article, the damaged one written from its fresh extraction.
    const compacted = await readCache(first.dir)
    expect(compacted.valid).toBe(true)
    expect(compacted.records).toBe(written.records)
    expect(compacted.lines.get(CONSULTATIONS)).not.toContain(MARK)
    expect(compacted.text.endsWith('\n')).toBe(true)
  })

  it('ignores a log of another extraction version or format and writes it anew', async () => {
    const first = await openLibrary()
    await first.service.dossierPeople()
    await closeLibrary(first.service)
    const written = await readCache(first.dir)
    const markedLines = [...written.lines].map(([, line]) => marked(line))
    for (const header of [{ ...written.header, version: written.header.version - 1 }, { format: 'something else', version: written.header.version }]) {
      await writeCache(first.dir, header, markedLines)
      await forgetViews(first.dir)
      const again = await openLibrary({ dir: first.dir })
      expect(await markedNames(again.service)).toEqual([])
      await closeLibrary(again.service)
      const rewritten = await readCache(first.dir)
      // Written anew: the same format and version, under a generation of its own.
      expect({ ...rewritten.header, generation: '' }).toEqual({ ...written.header, generation: '' })
      expect(rewritten.header.generation).not.toBe(written.header.generation)
      expect(rewritten.valid).toBe(true)
      expect([...rewritten.lines.values()].some((line) => line.includes(MARK))).toBe(false)
    }
    // Not a log at all (bytes of something else): ignored too.
    await writeFile(join(first.dir, DOSSIER_CACHE_FILE), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a, 0x42]))
    await forgetViews(first.dir)
    const last = await openLibrary({ dir: first.dir })
    expect((await last.service.dossierPeople()).people.map((person) => person.name)).toContain('Phạm Thị Kim Hoa')
    await closeLibrary(last.service)
    expect((await readCache(first.dir)).valid).toBe(true)
  })
})

describe('the dossier’s saved views', () => {
  it('paint a reopened library without a merge while nothing changed, and give way to the merged state after an edit', async () => {
    const first = await openLibrary()
    const people = await first.service.dossierPeople()
    const timeline = await first.service.dossierTimeline({ limit: 50 })
    await closeLibrary(first.service)
    const path = join(first.dir, DOSSIER_VIEWS_FILE)
    const saved = JSON.parse(await readFile(path, 'utf8'))
    expect(saved.people).toEqual(people)
    expect(saved.timeline.entries.slice(0, 50)).toEqual(timeline.entries)

    // Mark the saved People list: a reopened library shows the mark, so it painted from the file.
    saved.people.people[0].name = `${saved.people.people[0].name} ${MARK}`
    await writeFile(path, JSON.stringify(saved))
    const second = await openLibrary({ dir: first.dir })
    expect((await second.service.dossierPeople()).people[0]!.name).toContain(MARK)
    expect((await second.service.dossierTimeline({ limit: 50 })).entries).toEqual(timeline.entries)

    // An article changes: the views no longer apply, the merged state is served (no mark).
    const trade = await second.service.getArticle({ id: TRADE })
    await second.service.editArticleText({ id: TRADE, text: `${bodyText(trade.blocks)}\n\nĐại sứ Phạm Thị Kim Hoa dự lễ khai trương văn phòng mới.` })
    expect((await second.service.dossierPeople()).people.some((person) => person.name.includes(MARK))).toBe(false)
    await closeLibrary(second.service)

    // A decision made elsewhere (the settings differ from those the views were made with): not served.
    const third = await openLibrary({ dir: first.dir })
    const fresh = JSON.parse(await readFile(path, 'utf8'))
    fresh.people.people[0].name = `${fresh.people.people[0].name} ${MARK}`
    fresh.decisions = 'another set of decisions'
    await closeLibrary(third.service)
    await writeFile(path, JSON.stringify(fresh))
    const fourth = await openLibrary({ dir: first.dir })
    expect((await fourth.service.dossierPeople()).people.some((person) => person.name.includes(MARK))).toBe(false)
    await closeLibrary(fourth.service)

    // Damaged: ignored.
    await writeFile(path, '{"format":')
    const fifth = await openLibrary({ dir: first.dir })
    expect((await fifth.service.dossierPeople()).people).toHaveLength(people.people.length)
  })
})

describe('organisations for the People view', () => {
  it('lists the samples’ organisations, merged across articles, each mention opening at its words', async () => {
    const { service } = await openLibrary()
    const { organisations, articleCount } = await service.dossierOrganisations()
    expect(articleCount).toBeGreaterThan(0)
    expect(organisations.map((organisation) => organisation.name)).toEqual(expect.arrayContaining(['Bitel', 'Viettel', 'APEC', 'CPTPP', 'Bộ Ngoại giao']))
    expect(organisations.every((organisation) => organisation.kind === 'organisation')).toBe(true)
    const viettel = organisations.find((organisation) => organisation.name === 'Viettel')!
    expect(viettel.aliases).toContain('Tập đoàn Viettel')
    expect(viettel.articleCount).toBeGreaterThan(1)
    const detail = await service.dossierOrganisation({ key: 'Tập đoàn Viettel' })
    expect(detail.key).toBe(viettel.key)
    expect(detail.mentions).toHaveLength(viettel.mentionCount)
    for (const mention of detail.mentions) {
      const article = await service.getArticle({ id: mention.articleId })
      expect(bodyText(article.blocks).slice(mention.offset, mention.offsetEnd)).toBe(mention.text)
      expect(mention.context).toContain(mention.text)
    }
    const dispatch = createDispatcher(service)
    expect(await dispatch('dossierOrganisation', { key: 'Atlantis Holdings' })).toMatchObject({ ok: false, error: { code: 'dossier.unknownOrganisation' } })
    expect(await dispatch('dossierOrganisation', { key: '' })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
  })
})

describe('decisions about organisations', () => {
  it('hide, rename and merge hold over re-extraction of their articles and a reopened library, and an unknown key is refused', async () => {
    const { service, dir } = await openLibrary()
    const before = await service.dossierOrganisations()
    const viettel = before.organisations.find((organisation) => organisation.name === 'Viettel')!
    const bitel = before.organisations.find((organisation) => organisation.name === 'Bitel')!
    expect(await service.decideOrganisation({ kind: 'rename', key: 'bitel', name: 'Bitel Perú' })).toMatchObject({ name: 'Bitel Perú', renamed: true })
    expect(await service.decideOrganisation({ kind: 'hide', key: 'APEC' })).toMatchObject({ hidden: true })
    const merged = await service.decideOrganisation({ kind: 'merge', keys: ['Bitel Perú', 'Tập đoàn Viettel'] })
    expect(merged.mentionCount).toBe(bitel.mentionCount + viettel.mentionCount)
    const dispatch = createDispatcher(service)
    expect(await dispatch('decideOrganisation', { kind: 'hide', key: 'Atlantis Holdings' })).toMatchObject({ ok: false, error: { code: 'dossier.unknownOrganisation' } })
    expect(await dispatch('decideOrganisation', { kind: 'split', key: 'bitel', name: 'x', mentions: [] })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })

    // An article naming Bitel changes: extracted again, the decisions apply to the new extraction.
    const mention = (await service.dossierOrganisation({ key: 'bitel' })).mentions[0]!
    const article = await service.getArticle({ id: mention.articleId })
    await service.editArticleText({ id: article.id, text: `${bodyText(article.blocks)}\n\nBitel mở thêm cửa hàng tại Arequipa.` })
    const check = async (svc: typeof service): Promise<void> => {
      const { organisations } = await svc.dossierOrganisations()
      const entry = organisations.find((organisation) => organisation.name === 'Bitel Perú')
      expect(entry).toMatchObject({ renamed: true })
      expect(entry?.mentionCount).toBe(merged.mentionCount + 1)
      expect(organisations.some((organisation) => organisation.name === 'Viettel')).toBe(false)
      expect(organisations.find((organisation) => organisation.keys.includes('apec'))?.hidden).toBe(true)
    }
    await check(service)
    await closeLibrary(service)
    await check((await openLibrary({ dir })).service)
  })
})

describe('a split decision', () => {
  it('survives re-extraction of the article it moved mentions from, and a reopened library', async () => {
    const { service, dir } = await openLibrary()
    const hoa = await service.dossierPerson({ key: 'pham thi kim hoa' })
    const inTrade = hoa.mentions.filter((mention) => mention.articleId === TRADE)
    expect(inTrade.length).toBeGreaterThan(0)
    expect(inTrade.length).toBeLessThan(hoa.mentions.length)
    const split = await service.decidePerson({ kind: 'split', key: 'pham thi kim hoa', name: 'Kim Hoa (thương mại)', mentions: inTrade.map(({ articleId, block, text }) => ({ articleId, block, text })) })
    expect(split).toMatchObject({ name: 'Kim Hoa (thương mại)', mentionCount: inTrade.length, renamed: true })

    // The trade article's text changes (a paragraph added): it is extracted again, the split still holds.
    const trade = await service.getArticle({ id: TRADE })
    await service.editArticleText({ id: TRADE, text: `${bodyText(trade.blocks)}\n\nĐại sứ Phạm Thị Kim Hoa cũng gặp Bitel.` })
    const check = async (svc: typeof service): Promise<void> => {
      const moved = await svc.dossierPerson({ key: 'Kim Hoa (thương mại)' })
      expect(moved.mentions.map(({ articleId, block, text }) => ({ articleId, block, text }))).toEqual(inTrade.map(({ articleId, block, text }) => ({ articleId, block, text })))
      const kept = await svc.dossierPerson({ key: 'pham thi kim hoa' })
      // The new paragraph's mention was not part of the split: it stays with the person it names.
      expect(kept.mentions.some((mention) => mention.articleId === TRADE && mention.block === trade.blocks.length)).toBe(true)
      expect(kept.mentions.filter((mention) => mention.articleId === TRADE && mention.block < trade.blocks.length)).toEqual([])
    }
    await check(service)
    await closeLibrary(service)
    await check((await openLibrary({ dir })).service)
  })
})
