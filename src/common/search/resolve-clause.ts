import { articleTotals } from './article-totals'
import { clauseCache, clauseKey, type ResolvedClause } from './clause-cache'
import { clauseMatch, type ClauseMatch } from './clause-match'
import { matchClause } from './match-clause'
import type { QueryClause } from './query'
import { queryMemory } from './query-memory'
import type { SearchIndex } from './search-index'
import { wholeWordMatch } from './whole-word-match'

/** Article slots a query's earlier clauses left (flags, 1 = candidate), and how many. */
export interface Candidates {
  readonly flags: Uint8Array
  readonly count: number
}

/**
 * Below this share of the live articles, the candidates are few enough that matching a clause
 * only within them pays (a rare name narrows common words); above it, the clause is matched
 * over the whole library, which costs about the same, and cached for the next query.
 */
const NARROW_SHARE = 0.25

/**
 * The clause's match and per-article totals, for ranking: from the cache (clause-cache.ts) when a
 * query had it before; else matched within the candidates when they are few, or over the whole
 * library and cached. Either way, the articles in the candidates get the same units and scores.
 * `candidates` is called only on a cache miss: narrowing them costs a pass over the library.
 */
export function resolveClause(index: SearchIndex, clause: QueryClause, averages: Float64Array, candidates: () => Candidates | null): ResolvedClause {
  const cache = clauseCache(index)
  const key = clauseKey(clause)
  const cached = cache.get(index, key)
  if (cached !== undefined) return cached
  const within = candidates()
  if (within !== null && within.count < NARROW_SHARE * index.liveArticles) {
    const match = matchClause(index, clause, averages, within.flags)
    const memory = queryMemory(index)
    return { match, totals: articleTotals(index, match, memory.int32(match.count), memory.float64(match.count)) }
  }
  const resolved = matchWhole(index, clause, averages)
  cache.set(index, key, resolved)
  return resolved
}

/** The clause over the whole library, in arrays of its own (the cache keeps them). */
function matchWhole(index: SearchIndex, clause: QueryClause, averages: Float64Array): ResolvedClause {
  // A plain word (most clauses) in one pass; phrases, number forms and completions the general way.
  // A word being typed (prefix) nearly always has completions: not asking spares listing them twice.
  const word = clause.terms.length === 1 && !clause.prefix ? wholeWordMatch(index, clause.terms[0]!, false, averages) : null
  if (word !== null) return word
  const match = owned(matchClause(index, clause, averages))
  const totals = articleTotals(index, match, new Int32Array(match.count), new Float64Array(match.count))
  return { match, totals: { count: totals.count, slots: totals.slots.slice(0, totals.count), totals: totals.totals.slice(0, totals.count) } }
}

/** The candidates that also hold the clause: `within` narrowed by the clause's articles. */
export function narrow(index: SearchIndex, within: Candidates | null, resolved: ResolvedClause): Candidates {
  const flags = new Uint8Array(index.articles.length)
  const { slots, count } = resolved.totals
  let kept = 0
  for (let i = 0; i < count; i++) {
    const slot = slots[i]!
    if (within === null || within.flags[slot] === 1) {
      flags[slot] = 1
      kept++
    }
  }
  return { flags, count: kept }
}

/**
 * A copy of the match that owns its arrays: a fresh match may be carved out of the query's
 * working memory (query-memory.ts), which the next query reuses.
 */
function owned(match: ClauseMatch): ClauseMatch {
  const count = match.count
  const sources = match.sources.map((source) => ({
    list: source.list,
    flag: source.flag,
    count: source.count,
    units: source.units.slice(0, source.count),
    counts: source.counts.slice(0, source.count),
    offsets: source.offsets.slice(0, source.count),
  }))
  return clauseMatch(count, match.units.slice(0, count), match.scores.slice(0, count), match.idf, match.width, sources, match.posStart, match.positions, match.spellings)
}
