import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DOSSIER_CACHE_FILE, DOSSIER_CACHE_INDEX_FILE } from '../../src/node/dossier/extraction-cache'
import { DOSSIER_VIEWS_FILE } from '../../src/node/dossier/views-snapshot'
import { closeLibrary, openLibrary } from '../annotations/open-library'

/**
 * The extraction log read one article at a time (its offset table, cache/dossier-extractions.index.json)
 * on the real store in real temp folders: a reopened library reads a record when its article is
 * shown, checks it then (a damaged record's article is extracted again, and the log written
 * anew), and a person's mentions after reopening read only that person's articles, with what the
 * merged state gives, decisions included.
 */
const HOA = 'pham thi kim hoa'
const checksum = (json: string): string => crc32(json).toString(16).padStart(8, '0')

interface Log {
  text: string
  /** Each article's record line (the last), with its checksum. */
  lines: Map<string, string>
}

async function readLog(dir: string): Promise<Log> {
  const text = await readFile(join(dir, DOSSIER_CACHE_FILE), 'utf8')
  const lines = new Map<string, string>()
  for (const line of text.split('\n').slice(1, -1)) lines.set((JSON.parse(line.slice(9)) as string[])[0]!, line)
  return { text, lines }
}

/**
 * The record with its first person-or-organisation excerpt changed at one ASCII letter (so its
 * length in bytes, and every offset in the table, stay), its checksum made anew or left stale.
 */
function markedLine(line: string, validChecksum: boolean): { line: string; excerpt: string } {
  const record = JSON.parse(line.slice(9)) as [string, string, unknown, number[], [string, string][]]
  const [, excerpt] = record[4][0]!
  const at = excerpt.search(/[a-y]/u)
  const marked = `${excerpt.slice(0, at)}${excerpt[at] === 'q' ? 'z' : 'q'}${excerpt.slice(at + 1)}`
  record[4][0]![1] = marked
  const json = JSON.stringify(record)
  expect(json.length).toBe(line.length - 9)
  return { line: `${validChecksum ? checksum(json) : line.slice(0, 8)} ${json}`, excerpt: marked }
}

async function writeLog(dir: string, log: Log, replaced: ReadonlyMap<string, string>): Promise<void> {
  let text = log.text
  for (const [id, line] of replaced) text = text.replace(log.lines.get(id)!, line)
  expect(Buffer.byteLength(text)).toBe(Buffer.byteLength(log.text))
  await writeFile(join(dir, DOSSIER_CACHE_FILE), text)
}

const generation = (log: Log): string => (JSON.parse(log.text.slice(0, log.text.indexOf('\n'))) as { generation: string }).generation

describe('the extraction log’s offset table', () => {
  it('lets a reopened library read a record when shown, checking it then: a damaged one’s article is extracted again', async () => {
    const first = await openLibrary()
    const { articleCount } = await first.service.dossierPeople()
    const hoa = await first.service.dossierPerson({ key: HOA })
    await closeLibrary(first.service)
    const index = JSON.parse(await readFile(join(first.dir, DOSSIER_CACHE_INDEX_FILE), 'utf8')) as { ids: unknown[] }
    expect(index.ids).toHaveLength(articleCount)

    // Two of her articles: one record changed with a valid checksum (read as it is), one with a stale checksum (damaged).
    const [sound, damaged] = [...new Set(hoa.mentions.map((mention) => mention.articleId))]
    expect(damaged).toBeDefined()
    const log = await readLog(first.dir)
    const soundMark = markedLine(log.lines.get(sound!)!, true)
    const damagedMark = markedLine(log.lines.get(damaged!)!, false)
    await writeLog(first.dir, log, new Map([[sound!, soundMark.line], [damaged!, damagedMark.line]]))

    const second = await openLibrary({ dir: first.dir })
    const again = await second.service.dossierPerson({ key: HOA })
    const contexts = again.mentions.map((mention) => mention.context)
    expect(contexts).toContain(soundMark.excerpt)
    expect(contexts).not.toContain(damagedMark.excerpt)
    // The damaged article's mentions are those of a fresh extraction.
    const ofDamaged = (detail: typeof hoa): string[] => detail.mentions.filter((mention) => mention.articleId === damaged).map((mention) => mention.context)
    expect(ofDamaged(again)).toEqual(ofDamaged(hoa))
    await closeLibrary(second.service)
    // Written anew once damage was found: a new generation, every record sound, the damaged one from its fresh extraction.
    const rewritten = await readLog(first.dir)
    expect(generation(rewritten)).not.toBe(generation(log))
    for (const line of rewritten.lines.values()) expect(line.slice(0, 8)).toBe(checksum(line.slice(9)))
    expect(rewritten.lines.get(damaged!)).not.toContain(damagedMark.excerpt)
  })

  it('reads for a person’s mentions after reopening that person’s articles only, and gives what the merged state gives, decisions included', async () => {
    const first = await openLibrary()
    const { people } = await first.service.dossierPeople()
    const hoa = await first.service.dossierPerson({ key: HOA })
    const others = people.filter((person) => person.keys.every((key) => key !== HOA))
    // Decisions of every kind that names entries: hide, confirm, rename, merge.
    await first.service.decidePerson({ kind: 'hide', key: others[0]!.key })
    await first.service.decidePerson({ kind: 'rename', key: others[1]!.key, name: 'Người Đổi Tên' })
    await first.service.decidePerson({ kind: 'merge', keys: [others[2]!.key, others[3]!.key] })
    await first.service.decidePerson({ kind: 'confirm', key: HOA })
    const details = await Promise.all(others.slice(0, 4).map((person) => first.service.dossierPerson({ key: person.key })))
    await closeLibrary(first.service)

    // A record of an article none of these people is named in, damaged: asking for them never reads it.
    const named = new Set([hoa, ...details].flatMap((detail) => detail.mentions.map((mention) => mention.articleId)))
    const log = await readLog(first.dir)
    const unrelated = [...log.lines.keys()].find((id) => !named.has(id))!
    expect(unrelated).toBeDefined()
    await writeLog(first.dir, log, new Map([[unrelated, markedLine(log.lines.get(unrelated)!, false).line]]))
    await rm(join(first.dir, DOSSIER_VIEWS_FILE), { force: true })

    const keys = [HOA, others[0]!.key, 'Người Đổi Tên', others[2]!.key, others[3]!.key]
    const lazy = await openLibrary({ dir: first.dir })
    const early = []
    for (const key of keys) early.push(await lazy.service.dossierPerson({ key }))
    await closeLibrary(lazy.service)
    // Nothing damaged was read: the log is as it was (not written anew).
    expect(generation(await readLog(first.dir))).toBe(generation(log))

    // The merged state (a filtered Timeline needs it) gives the same details, and finds the damage.
    const merged = await openLibrary({ dir: first.dir })
    await merged.service.dossierTimeline({ from: '1900' })
    const late = []
    for (const key of keys) late.push(await merged.service.dossierPerson({ key }))
    expect(early).toEqual(late)
    expect(early[0]!.confirmed).toBe(true)
    expect(early[1]!.hidden).toBe(true)
    expect(early[2]!.name).toBe('Người Đổi Tên')
    expect(early[3]!.key).toBe(early[4]!.key)
    await closeLibrary(merged.service)
    expect(generation(await readLog(first.dir))).not.toBe(generation(log))
  })
})
