import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SearchHost, type SearchReply, type SearchRequest } from '../../src/common/search/search-host'
import { indexFiles } from '../../src/node/search/index-file'
import { corpus, doc } from './fixture'

/** Sends a request the way a worker would: through a structured clone, both ways. */
function send(host: SearchHost, request: SearchRequest): SearchReply {
  return structuredClone(host.handle(structuredClone(request)))
}

const folders: string[] = []
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})

async function folder(): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), 'search-host-'))
  folders.push(made)
  return made
}

describe('SearchHost', () => {
  it('indexes, searches, removes, saves and opens through plain messages', async () => {
    const file = join(await folder(), 'search-index.bin')
    const host = new SearchHost(undefined, indexFiles)
    expect(send(host, { type: 'put', articles: corpus() })).toEqual({ type: 'done', articleCount: corpus().length })
    const reply = send(host, { type: 'search', query: 'bitel', options: { prefix: false } })
    expect(reply.type === 'results' && reply.outcome.ok && reply.outcome.results.map((result) => result.articleId).sort()).toEqual(['9a8b7c6d5e4f', 'a1b2c3d4e5f6'])
    expect(send(host, { type: 'remove', ids: ['a1b2c3d4e5f6'] })).toEqual({ type: 'done', articleCount: corpus().length - 1 })
    expect(send(host, { type: 'save-file', path: file, seq: 9 })).toEqual({ type: 'done', articleCount: corpus().length - 1 })

    const other = new SearchHost(undefined, indexFiles)
    expect(send(other, { type: 'open-file', path: file })).toEqual({ type: 'opened', seq: 9, articleCount: corpus().length - 1, problem: null })
    expect(send(other, { type: 'search', query: 'bitel' })).toEqual(send(host, { type: 'search', query: 'bitel' }))
    const stamps = send(other, { type: 'stamps' })
    expect(stamps.type === 'stamps' && stamps.stamps.length).toBe(corpus().length - 1)
    send(host, { type: 'close-file' })
    send(other, { type: 'close-file' })
  })

  it('answers query errors and failures as replies, never by throwing', async () => {
    const file = join(await folder(), 'search-index.bin')
    await writeFile(file, 'not an index')
    const host = new SearchHost(undefined, indexFiles)
    host.handle({ type: 'put', articles: [doc('aaaaaaaaaaaa', 'Hợp tác giáo dục')] })
    expect(send(host, { type: 'search', query: 'lang:fr' })).toEqual({
      type: 'results',
      outcome: { ok: false, error: expect.objectContaining({ code: 'search.badLanguage', part: 'lang:fr' }) },
    })
    // A damaged file: the index starts empty (to be rebuilt from the library), and says why.
    expect(send(host, { type: 'open-file', path: file })).toEqual({ type: 'opened', seq: null, articleCount: 0, problem: expect.stringContaining('IndexFileDamaged') })
    expect(send(host, { type: 'search', query: 'giao duc' })).toMatchObject({ type: 'results', outcome: { ok: true, total: 0 } })
    // Without files, saving is a failure reply.
    expect(send(new SearchHost(), { type: 'save-file', path: file, seq: 1 })).toEqual({ type: 'failed', reason: 'this search index has no files' })
  })
})
