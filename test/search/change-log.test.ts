import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LOG_MAX_CHANGES } from '../../src/common/search/change-log'
import { changeLogPath } from '../../src/common/search/saved-index'
import { SearchHost, type SearchReply, type SearchRequest } from '../../src/common/search/search-host'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { indexFiles } from '../../src/node/search/index-file'
import { corpus, doc, sameResultRequests } from './fixture'

/**
 * The saved index as a base file and a change log (change-log.ts, index-file.ts), through the
 * host that the search thread runs, on real files: a save after a change appends only the change
 * and leaves the base as it was; reopening applies the log over the base and answers exactly as
 * an index built afresh from the same articles; a torn or foreign log, a full log and a damaged
 * piece of the base each end where the design says.
 */
const folders: string[] = []
const hosts: SearchHost[] = []
afterEach(async () => {
  for (const host of hosts.splice(0)) host.handle({ type: 'close-file' })
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})

async function indexPath(): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), 'search-log-'))
  folders.push(made)
  return join(made, 'search-index.bin')
}

function host(): SearchHost {
  const made = new SearchHost(undefined, indexFiles)
  hosts.push(made)
  return made
}

function send(target: SearchHost, request: SearchRequest): SearchReply {
  const reply = target.handle(structuredClone(request))
  if (reply.type === 'failed') throw new Error(reply.reason)
  return structuredClone(reply)
}

function opened(target: SearchHost, path: string): SearchReply {
  return send(target, { type: 'open-file', path })
}

/** Every equivalence query gives the same answer from `actual` as from an index built afresh from `articles`. */
function expectSameAsFresh(actual: SearchHost, articles: readonly SearchableArticle[]): void {
  const fresh = new SearchHost()
  send(fresh, { type: 'put', articles })
  for (const request of sameResultRequests()) expect(send(actual, request), request.query).toEqual(send(fresh, request))
  const stamps = (target: SearchHost) => {
    const reply = send(target, { type: 'stamps' })
    return reply.type === 'stamps' ? [...reply.stamps].sort() : []
  }
  expect(stamps(actual)).toEqual(stamps(fresh))
}

const [first, second, third, ...rest] = corpus()
const edited = { ...first!, stamp: '2', body: `${first!.body}\n\nBitel công bố kế hoạch mới với 500 trạm phát sóng.` }
const extra = doc('fedcba987654', 'Hội nghị APEC năm nay bàn về chuyển đổi số và thương mại.', { published: '2025-02' })

describe('the saved index: a base and a log of changes', () => {
  it('saves a change by appending it to the log, leaving the base untouched, and reopens to the same results as a fresh build', async () => {
    const path = await indexPath()
    const writer = host()
    send(writer, { type: 'put', articles: corpus() })
    send(writer, { type: 'save-file', path, seq: 1 })
    const base = await readFile(path)
    const logAfterBase = (await stat(changeLogPath(path))).size

    send(writer, { type: 'put', articles: [edited, extra] })
    send(writer, { type: 'remove', ids: [second!.id] })
    send(writer, { type: 'save-file', path, seq: 2 })
    expect(await readFile(path)).toEqual(base)
    const logged = (await stat(changeLogPath(path))).size - logAfterBase
    // The record holds the two changed articles and a tombstone: about their text, not the library's.
    expect(logged).toBeGreaterThan(0)
    expect(logged).toBeLessThan(edited.body.length * 3 + 4096)

    const reader = host()
    expect(opened(reader, path)).toEqual({ type: 'opened', seq: 2, articleCount: corpus().length, problem: null })
    expectSameAsFresh(reader, [third!, ...rest, edited, extra])
    expectSameAsFresh(writer, [third!, ...rest, edited, extra])
  })

  it('stays equal to a fresh build through several rounds of edits, deletions, re-additions and reopenings', async () => {
    const path = await indexPath()
    let current = host()
    send(current, { type: 'put', articles: corpus() })
    send(current, { type: 'save-file', path, seq: 1 })
    const library = new Map(corpus().map((entry) => [entry.id, entry]))
    const ids = [...library.keys()]
    for (let round = 0; round < 4; round++) {
      const reopened = host()
      expect(opened(reopened, path)).toMatchObject({ type: 'opened', seq: round + 1, articleCount: library.size })
      current = reopened
      const editId = ids[(round * 3) % ids.length]!
      const editedArticle = { ...library.get(editId) ?? corpus().find((entry) => entry.id === editId)!, stamp: `r${round}`, title: `Vòng ${round}: hợp tác viễn thông` }
      const goneId = ids[(round * 3 + 1) % ids.length]!
      send(current, { type: 'put', articles: [editedArticle] })
      send(current, { type: 'remove', ids: [goneId] })
      library.set(editId, editedArticle)
      library.delete(goneId)
      if (round === 2) {
        // An article deleted in an earlier round comes back.
        const back = corpus().find((entry) => entry.id === ids[1])!
        send(current, { type: 'put', articles: [back] })
        library.set(back.id, back)
      }
      send(current, { type: 'save-file', path, seq: round + 2 })
      expectSameAsFresh(current, [...library.values()])
    }
    const last = host()
    expect(opened(last, path)).toMatchObject({ type: 'opened', seq: 5, articleCount: library.size })
    expectSameAsFresh(last, [...library.values()])
  })

  it('ignores a torn last record (a crash while appending), and the next save writes over it', async () => {
    const path = await indexPath()
    const writer = host()
    send(writer, { type: 'put', articles: corpus() })
    send(writer, { type: 'save-file', path, seq: 1 })
    send(writer, { type: 'put', articles: [edited] })
    send(writer, { type: 'save-file', path, seq: 2 })
    const log = changeLogPath(path)
    const whole = await readFile(log)
    send(writer, { type: 'put', articles: [extra] })
    send(writer, { type: 'save-file', path, seq: 3 })
    const withExtra = await readFile(log)
    // The third save's record cut short, as a crash in the middle of the write leaves it.
    await writeFile(log, withExtra.subarray(0, whole.length + Math.floor((withExtra.length - whole.length) / 2)))

    const reader = host()
    expect(opened(reader, path)).toEqual({ type: 'opened', seq: 2, articleCount: corpus().length, problem: null })
    expectSameAsFresh(reader, [second!, third!, ...rest, edited])
    send(reader, { type: 'remove', ids: [third!.id] })
    send(reader, { type: 'save-file', path, seq: 4 })
    const again = host()
    expect(opened(again, path)).toEqual({ type: 'opened', seq: 4, articleCount: corpus().length - 1, problem: null })
    expectSameAsFresh(again, [second!, ...rest, edited])
  })

  it('ignores a log that names another base (a crash between writing a new base and restarting the log)', async () => {
    const path = await indexPath()
    const writer = host()
    send(writer, { type: 'put', articles: corpus() })
    send(writer, { type: 'save-file', path, seq: 1 })
    send(writer, { type: 'put', articles: [edited] })
    send(writer, { type: 'save-file', path, seq: 2 })
    const oldLog = join(path, '..', 'old.log')
    await copyFile(changeLogPath(path), oldLog)
    // A fresh build saved as a new base over the old one.
    const rebuilt = host()
    send(rebuilt, { type: 'put', articles: [...rest, extra] })
    send(rebuilt, { type: 'save-file', path, seq: 7 })
    await copyFile(oldLog, changeLogPath(path))

    const reader = host()
    expect(opened(reader, path)).toEqual({ type: 'opened', seq: 7, articleCount: rest.length + 1, problem: null })
    expectSameAsFresh(reader, [...rest, extra])
  })

  it(`writes a new base instead once the log would pass ${LOG_MAX_CHANGES} changes, and starts the log again`, async () => {
    const path = await indexPath()
    const writer = host()
    send(writer, { type: 'put', articles: corpus() })
    send(writer, { type: 'save-file', path, seq: 1 })
    const base = await readFile(path)
    const many = Array.from({ length: LOG_MAX_CHANGES + 1 }, (_, i) => doc(`b${i.toString(16).padStart(11, '0')}`, `Tin số ${i} về hợp tác kinh tế và viễn thông.`))
    send(writer, { type: 'put', articles: many })
    send(writer, { type: 'save-file', path, seq: 2 })
    expect(await readFile(path)).not.toEqual(base)
    expect((await stat(changeLogPath(path))).size).toBeLessThan(200)

    const reader = host()
    expect(opened(reader, path)).toEqual({ type: 'opened', seq: 2, articleCount: corpus().length + many.length, problem: null })
    expectSameAsFresh(reader, [...corpus(), ...many])
    expectSameAsFresh(writer, [...corpus(), ...many])
  })

  it('drops the file when a query meets a damaged piece of it, so that the index is rebuilt rather than loaded again', async () => {
    const path = await indexPath()
    const writer = host()
    // Enough articles for posting lists of several pieces of the file.
    const library = [...corpus(), ...Array.from({ length: 1500 }, (_, i) => doc(`c${i.toString(16).padStart(11, '0')}`, `Việt Nam hợp tác kinh tế thương mại số ${i} với đối tác ${i % 97} năm ${2000 + (i % 25)}.`))]
    send(writer, { type: 'put', articles: library })
    send(writer, { type: 'save-file', path, seq: 1 })
    send(writer, { type: 'close-file' })
    // Damage the posting lists only, past the piece they share with what opening reads.
    const bytes = await readFile(path)
    const head = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(8)).toString('utf8')) as { sections: Record<string, [number, number]> }
    const [from, length] = head.sections['postings']!
    let flipped = 0
    for (let at = Math.ceil((from + 1) / 16384) * 16384; at < from + length; at += 256, flipped++) bytes[at]! ^= 0xff
    expect(flipped).toBeGreaterThan(0)
    await writeFile(path, bytes)

    const reader = host()
    expect(opened(reader, path)).toMatchObject({ type: 'opened', seq: 1, problem: null })
    const failed = reader.handle({ type: 'search', query: 'viet nam hop tac kinh te thuong mai' })
    expect(failed).toEqual({ type: 'failed', reason: expect.stringContaining('IndexFileDamaged') })
    await expect(stat(path)).rejects.toThrow()
    expect(opened(host(), path)).toEqual({ type: 'opened', seq: null, articleCount: 0, problem: null })
  })

  it('drops the file when a query reads an article record that is malformed (checksums intact: written so)', async () => {
    const path = await indexPath()
    const writer = host()
    send(writer, { type: 'put', articles: corpus() })
    send(writer, { type: 'save-file', path, seq: 1 })
    send(writer, { type: 'close-file' })
    // Records are read when first used: one made unreadable, then the file written again with
    // checksums that match it, as a faulty writer would leave it.
    const base = await readFile(path)
    const body = base.subarray(0, base.readUInt32LE(base.length - 48))
    const annotated = corpus().find((entry) => entry.annotations.length > 0)!
    const at = body.indexOf(`"${annotated.annotations[0]!.id}"`)
    expect(at).toBeGreaterThan(0)
    body[at] = 0x7b // '{' where the id's quote was: not JSON
    await rm(path)
    indexFiles.write(path, new Uint8Array(body))

    const reader = host()
    expect(opened(reader, path)).toMatchObject({ type: 'opened', seq: 1, problem: null })
    // A query that reads no record of a highlight answers.
    expect(reader.handle({ type: 'search', query: 'bitel' })).toMatchObject({ type: 'results' })
    const failed = reader.handle({ type: 'search', query: 'has:highlight' })
    expect(failed).toEqual({ type: 'failed', reason: expect.stringContaining('SearchIndexFormatError') })
    await expect(stat(path)).rejects.toThrow()
  })
})
