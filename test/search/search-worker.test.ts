import { afterAll, describe, expect, it } from 'vitest'
import { inProcessSearchPort } from '../../src/common/search/in-process-search-port'
import type { SearchPort, SearchReply } from '../../src/common/search/search-host'
import type { SearchOutcome } from '../../src/common/search/results'
import { workerSearchPort } from '../../src/node/search/worker-search-port'
import { corpus, readJson, type RecallCase } from './fixture'

/**
 * The index in its worker thread (search-worker.ts, run from source as the tests run everything)
 * against the index in this thread: same requests, same answers. And search as you type: a newer
 * query from the same box supersedes an older one, which answers `superseded`, not an error.
 */
const cases = readJson<{ cases: RecallCase[] }>('folding-recall.json').cases

const worker = workerSearchPort()
const local = inProcessSearchPort()
afterAll(async () => {
  await worker.close()
  await local.close()
})

async function outcome(port: SearchPort, query: string, prefix: boolean, box?: string): Promise<SearchOutcome> {
  const reply = await port.send({ type: 'search', query, options: { limit: 100, prefix } }, box)
  if (reply.type !== 'results') throw new Error(`${query}: ${JSON.stringify(reply)}`)
  return reply.outcome
}

describe('the search index in a worker thread', () => {
  it('answers the folding recall set exactly as the index in this thread does', async () => {
    const articles = corpus()
    for (const port of [worker, local]) expect(await port.send({ type: 'put', articles })).toEqual({ type: 'done', articleCount: articles.length })
    for (const entry of cases) {
      for (const prefix of [false, true]) {
        const fromWorker = await outcome(worker, entry.query, prefix)
        expect(fromWorker, `${entry.query} (prefix ${prefix})`).toEqual(await outcome(local, entry.query, prefix))
        const found = fromWorker.ok ? fromWorker.results.map((result) => result.articleId) : []
        expect(found, entry.query).toEqual(expect.arrayContaining([...entry.expected]))
      }
    }
  })

  it('answers superseded to a running query that a newer one from the same box replaced', async () => {
    const older = worker.send({ type: 'search', query: 'viet nam', options: {} }, 'library')
    const newer = worker.send({ type: 'search', query: 'viet nam hop tac', options: {} }, 'library')
    expect(await older).toEqual({ type: 'superseded' })
    expect((await newer).type).toBe('results')
  })

  it('never sends a queued query that was superseded; other boxes and other requests keep their answers', async () => {
    const replies: Array<Promise<SearchReply>> = [
      // Occupies the thread, so that what follows waits in the queue.
      worker.send({ type: 'put', articles: corpus() }),
      worker.send({ type: 'search', query: 'thuong', options: {} }, 'library'),
      worker.send({ type: 'search', query: 'thuong', options: {} }, 'themes'),
      worker.send({ type: 'search', query: 'thuong mai', options: {} }, 'library'),
      worker.send({ type: 'search', query: 'bitel', options: {} }),
    ]
    const [put, olderLibrary, themes, newerLibrary, boxless] = await Promise.all(replies)
    expect(put).toMatchObject({ type: 'done' })
    expect(olderLibrary).toEqual({ type: 'superseded' })
    expect(themes).toMatchObject({ type: 'results', outcome: { ok: true, query: 'thuong' } })
    expect(newerLibrary).toMatchObject({ type: 'results', outcome: { ok: true, query: 'thuong mai' } })
    expect(boxless).toMatchObject({ type: 'results', outcome: { ok: true, query: 'bitel' } })
  })

  it('supersedes the same way in this thread (the CLI’s index)', async () => {
    const older = local.send({ type: 'search', query: 'peru', options: {} }, 'library')
    const newer = local.send({ type: 'search', query: 'peru bitel', options: {} }, 'library')
    expect(await older).toEqual({ type: 'superseded' })
    expect(await newer).toMatchObject({ type: 'results', outcome: { ok: true, query: 'peru bitel' } })
  })

  it('answers failed, not by throwing, once closed', async () => {
    const port = workerSearchPort()
    expect(await port.send({ type: 'put', articles: corpus().slice(0, 2) })).toEqual({ type: 'done', articleCount: 2 })
    await port.close()
    expect(await port.send({ type: 'search', query: 'peru' })).toMatchObject({ type: 'failed' })
  })
})
