import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { createDispatcher } from '../../src/node/dispatch'
import { DOSSIER_CACHE_FILE } from '../../src/node/dossier/extraction-cache'
import { closeLibrary, openLibrary } from '../annotations/open-library'

/**
 * The library dossier's cache of extractions (cache/dossier-extractions.ndjson) on the real store
 * in real temp folders: a reopened library reads it instead of extracting, an edit extracts that
 * article alone, a damaged or outdated file is ignored and written anew. Also the organisations
 * the API gives the People view, and a split decision across re-extraction.
 */
const CONSULTATIONS = '87ac6e0b16b8'
const TRADE = 'c3c0090a9111'
const MARK = 'Zzcached'

interface CacheFile {
  header: { format: string; version: number }
  lines: Map<string, string>
  valid: boolean
}

async function readCache(dir: string): Promise<CacheFile> {
  const text = await readFile(join(dir, DOSSIER_CACHE_FILE), 'utf8')
  const lines = text.split('\n')
  lines.pop()
  const digest = lines.pop() ?? ''
  const body = `${lines.join('\n')}\n`
  const entries = new Map(lines.slice(1).map((line) => [JSON.parse(line)[0] as string, line]))
  return { header: JSON.parse(lines[0]!), lines: entries, valid: createHash('sha256').update(body, 'utf8').digest('hex') === digest }
}

/** Writes the file back with a valid digest, as the app would have written these lines. */
async function writeCache(dir: string, header: object, lines: Iterable<string>): Promise<void> {
  const body = `${[JSON.stringify(header), ...lines].join('\n')}\n`
  await writeFile(join(dir, DOSSIER_CACHE_FILE), `${body}${createHash('sha256').update(body, 'utf8').digest('hex')}\n`)
}

/** The line of an article with every person's name marked: shows whether the next open used the file. */
function marked(line: string): string {
  const [id, stamp, dossier, offsets, contexts] = JSON.parse(line)
  for (const person of dossier.people) person.name = `${person.name} ${MARK}`
  return JSON.stringify([id, stamp, dossier, offsets, contexts])
}

async function markedNames(service: Awaited<ReturnType<typeof openLibrary>>['service']): Promise<string[]> {
  return (await service.dossierPeople()).people.flatMap((person) => person.names).filter((name) => name.includes(MARK))
}

describe('the dossier’s cache of extractions', () => {
  it('is written after first use, read instead of extracting on reopening, and an edit extracts that article alone', async () => {
    const first = await openLibrary()
    const { people, articleCount } = await first.service.dossierPeople()
    await closeLibrary(first.service)
    const written = await readCache(first.dir)
    expect(written.valid).toBe(true)
    expect(written.lines.size).toBe(articleCount)

    // Mark what the file says of the consultations article: a reopened library shows the mark, so it read the file.
    await writeCache(first.dir, written.header, [...written.lines].map(([id, line]) => (id === CONSULTATIONS ? marked(line) : line)))
    const second = await openLibrary({ dir: first.dir })
    expect((await markedNames(second.service)).length).toBeGreaterThan(0)
    expect((await second.service.dossierPeople()).people).toHaveLength(people.length)

    // Edit the trade article: it is extracted again, the consultations article is not (its mark stays).
    const trade = await second.service.getArticle({ id: TRADE })
    await second.service.editArticleText({ id: TRADE, text: `${bodyText(trade.blocks)}\n\nĐại sứ Phạm Thị Kim Hoa dự lễ khai trương văn phòng mới.` })
    const afterEdit = await second.service.dossierPerson({ key: 'pham thi kim hoa' })
    expect(afterEdit.mentions.some((mention) => mention.articleId === TRADE && mention.context.includes('khai trương'))).toBe(true)
    expect((await markedNames(second.service)).length).toBeGreaterThan(0)
    await closeLibrary(second.service)
    const after = await readCache(first.dir)
    expect(after.valid).toBe(true)
    expect(after.lines.get(CONSULTATIONS)).toContain(MARK)
    expect(JSON.parse(after.lines.get(TRADE)!)[1]).not.toBe(JSON.parse(written.lines.get(TRADE)!)[1])
    for (const [id, line] of written.lines) if (id !== TRADE && id !== CONSULTATIONS) expect(after.lines.get(id)).toBe(line)
  })

  it('ignores a damaged file or one of another extraction version, extracts again and writes it anew', async () => {
    const first = await openLibrary()
    await first.service.dossierPeople()
    await closeLibrary(first.service)
    const written = await readCache(first.dir)
    const markedLines = [...written.lines].map(([, line]) => marked(line))

    // Another version of the rules: the marks are not shown.
    await writeCache(first.dir, { ...written.header, version: written.header.version - 1 }, markedLines)
    const second = await openLibrary({ dir: first.dir })
    expect(await markedNames(second.service)).toEqual([])
    await closeLibrary(second.service)
    expect((await readCache(first.dir)).header.version).toBe(written.header.version)

    // Bytes that no longer match their digest: the file is damage, not data.
    await writeCache(first.dir, written.header, markedLines)
    const path = join(first.dir, DOSSIER_CACHE_FILE)
    const bytes = await readFile(path)
    const at = bytes.indexOf(Buffer.from(MARK))
    bytes[at] = 'Q'.charCodeAt(0)
    await writeFile(path, bytes)
    const third = await openLibrary({ dir: first.dir })
    expect(await markedNames(third.service)).toEqual([])
    expect((await third.service.dossierPeople()).people.map((person) => person.name)).toContain('Phạm Thị Kim Hoa')
    await closeLibrary(third.service)
    const rewritten = await readCache(first.dir)
    expect(rewritten.valid).toBe(true)
    expect([...rewritten.lines.values()].some((line) => line.includes(MARK))).toBe(false)
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
