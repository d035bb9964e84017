import { describe, expect, it } from 'vitest'
import { summarize, type ArticleSummary } from '../../src/common/model/article'
import { applyAll, applyToList, ArticleLookup } from '../../src/node/store/article-lookup'
import { article } from './fixtures'

/** A fixed pseudo-random sequence (the same in every run). */
function sequence(seed: number): () => number {
  let state = seed
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}

const pool: ArticleSummary[] = Array.from({ length: 40 }, (_, i) => summarize(article(i + 1)))

/** What the index list must become: revisions in place, new summaries at the end, deleted ids gone (the rule before the log). */
function expected(list: readonly ArticleSummary[], set: readonly ArticleSummary[], deleted: readonly string[]): ArticleSummary[] {
  const revised = new Map(set.map((summary) => [summary.id, summary]))
  const kept = list.filter((summary) => !deleted.includes(summary.id)).map((summary) => {
    const next = revised.get(summary.id)
    revised.delete(summary.id)
    return next ?? summary
  })
  return [...kept, ...[...revised.values()].filter((summary) => !deleted.includes(summary.id))]
}

describe('the index list and its lookups', () => {
  it('gives the same list for a log replayed in one pass as for its lines applied one by one', () => {
    const random = sequence(11)
    const pick = () => pool[Math.floor(random() * pool.length)]!
    for (let round = 0; round < 50; round++) {
      const changes = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, k) => ({
        set: Array.from({ length: Math.floor(random() * 4) }, () => ({ ...pick(), title: `dòng ${k}` })),
        deleted: Array.from({ length: Math.floor(random() * 3) }, () => pick().id),
      }))
      const start = pool.slice(0, 25)
      expect(applyAll(start, changes)).toEqual(changes.reduce<ArticleSummary[]>((list, change) => expected(list, change.set, change.deleted), start))
    }
  })

  it('follow every change, small or large, whether the maps are built or lookups still scan', async () => {
    const random = sequence(7)
    const pick = () => pool[Math.floor(random() * pool.length)]!
    for (const buildFirst of [false, true]) {
      let list: readonly ArticleSummary[] = pool.slice(0, 20)
      const lookup = new ArticleLookup(list)
      if (buildFirst) lookup.buildNow()
      for (let step = 0; step < 300; step++) {
        // Up to 12 changes at once: both the few-summaries path and the general one.
        const size = 1 + Math.floor(random() * 12)
        const set = Array.from({ length: Math.floor(random() * size) }, () => ({ ...pick(), title: `sửa ${step}`, revision: step + 2 }))
        const deleted = Array.from({ length: size - set.length }, () => pick().id)
        list = expected(list, set, deleted)
        expect(applyToList(lookup.articles, set, deleted)).toEqual(list)
        lookup.apply(set, deleted)
        expect(lookup.articles).toEqual(list)
        // A few lookups a step: the build starts part way through, and changes made while it is
        // under way are replayed over it when it is finished by a later lookup or by its slices.
        for (const summary of step % 50 === 0 ? pool : [pick(), pick(), pick()]) {
          expect(lookup.findById(summary.id)).toBe(list.find((candidate) => candidate.id === summary.id))
          expect(lookup.findByContentHash(summary.contentHash)).toBe(list.find((candidate) => candidate.contentHash === summary.contentHash))
        }
        if (step % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
    }
  })

  it('finish building the maps for a caller that looks up in one synchronous loop, instead of scanning the list each time', () => {
    // A list that counts reads of its elements: a scan per lookup reads the whole list each time.
    const summaries = Array.from({ length: 2_000 }, (_, i) => ({ ...pool[i % pool.length]!, id: `a${i}`, contentHash: `h${i}` }))
    let reads = 0
    const counted = new Proxy(summaries, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    const lookup = new ArticleLookup(counted)
    for (const summary of summaries) expect(lookup.findById(summary.id)).toBe(summary)
    for (const summary of summaries) expect(lookup.findByContentHash(summary.contentHash)).toBe(summary)
    // Scans until the loop is seen (a few dozen lists' worth), then one pass to build the maps:
    // far below the two million reads of a scan per lookup.
    expect(reads).toBeLessThan(100 * summaries.length)
    expect(lookup.findById('missing')).toBeUndefined()
  })
})
