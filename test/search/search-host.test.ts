import { describe, expect, it } from 'vitest'
import { SearchHost, type SearchReply, type SearchRequest } from '../../src/common/search/search-host'
import { corpus, doc } from './fixture'

/** Sends a request the way a worker would: through a structured clone, both ways. */
function send(host: SearchHost, request: SearchRequest): SearchReply {
  return structuredClone(host.handle(structuredClone(request)))
}

describe('SearchHost', () => {
  it('indexes, searches, removes, saves and loads through plain messages', () => {
    const host = new SearchHost()
    expect(send(host, { type: 'put', articles: corpus() })).toEqual({ type: 'done', articleCount: corpus().length })
    const reply = send(host, { type: 'search', query: 'bitel', options: { prefix: false } })
    expect(reply.type === 'results' && reply.outcome.ok && reply.outcome.results.map((result) => result.articleId).sort()).toEqual(['9a8b7c6d5e4f', 'a1b2c3d4e5f6'])
    expect(send(host, { type: 'remove', ids: ['a1b2c3d4e5f6'] })).toEqual({ type: 'done', articleCount: corpus().length - 1 })

    const saved = send(host, { type: 'save' })
    if (saved.type !== 'saved') throw new Error(saved.type)
    const other = new SearchHost()
    expect(send(other, { type: 'load', index: JSON.parse(JSON.stringify(saved.index)) })).toEqual({ type: 'done', articleCount: corpus().length - 1 })
    expect(send(other, { type: 'search', query: 'bitel' })).toEqual(send(host, { type: 'search', query: 'bitel' }))
    const stamps = send(other, { type: 'stamps' })
    expect(stamps.type === 'stamps' && stamps.stamps.length).toBe(corpus().length - 1)
  })

  it('answers query errors and failures as replies, never by throwing', () => {
    const host = new SearchHost()
    host.handle({ type: 'put', articles: [doc('aaaaaaaaaaaa', 'Hợp tác giáo dục')] })
    expect(send(host, { type: 'search', query: 'lang:fr' })).toEqual({
      type: 'results',
      outcome: { ok: false, error: expect.objectContaining({ code: 'search.badLanguage', part: 'lang:fr' }) },
    })
    const failed = send(host, { type: 'load', index: { format: 'nope' } as never })
    expect(failed).toEqual({ type: 'failed', reason: expect.stringContaining('SearchIndexFormatError') })
    // The index in use survives a failed load.
    expect(send(host, { type: 'search', query: 'giao duc' })).toMatchObject({ type: 'results', outcome: { ok: true, total: 1 } })
  })
})
