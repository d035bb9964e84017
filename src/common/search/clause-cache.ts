import type { ArticleTotals } from './article-totals'
import { bufferPool } from './buffer-pool'
import type { ClauseMatch } from './clause-match'
import type { QueryClause } from './query'
import type { SearchIndex } from './search-index'

/**
 * Matches of clauses over the whole library, kept from query to query until the index changes.
 *
 * Why: a common syllable ("hợp", "tế", "thương") is in nearly every article, and scoring its
 * posting lists is most of a query's time. Search as you type sends the same words again at
 * every keystroke ("thuong mai v", "thuong mai vi"...), and people refine a query by adding a
 * word: the words already typed are then answered from here, in a fraction of the time.
 *
 * Entries are the unrestricted match (every live article holding the clause), with its
 * per-article totals: the same numbers a fresh computation gives, so results never depend on
 * what was cached. Any change to the index (generation) empties the cache; past the byte
 * budget, the least recently used entries go first.
 */
export interface ResolvedClause {
  readonly match: ClauseMatch
  readonly totals: ArticleTotals
  /** The one buffer all its arrays are views of, when it came from the pool (buffer-pool.ts): given back when dropped. */
  readonly buffer?: ArrayBuffer
}

/** Bytes of typed arrays the cache may hold per index: a common syllable's entry is about 0.5 MB at 10,000 articles. */
export const CLAUSE_CACHE_BYTES = 24 * 1024 * 1024

interface Entry {
  readonly value: ResolvedClause
  readonly bytes: number
}

class ClauseCache {
  constructor(private readonly pool: ReturnType<typeof bufferPool>) {}

  private generation = -1
  private bytes = 0
  /** In least recently used order (a Map iterates in insertion order; a hit re-inserts). */
  private readonly entries = new Map<string, Entry>()

  get(index: SearchIndex, key: string): ResolvedClause | undefined {
    this.sync(index)
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  /** Whether the clause is cached, without counting it as used. */
  has(index: SearchIndex, key: string): boolean {
    this.sync(index)
    return this.entries.has(key)
  }

  set(index: SearchIndex, key: string, value: ResolvedClause): void {
    this.sync(index)
    const bytes = sizeOf(value)
    if (bytes > CLAUSE_CACHE_BYTES) return this.drop(value)
    const old = this.entries.get(key)
    if (old !== undefined) {
      this.entries.delete(key)
      this.bytes -= old.bytes
      this.drop(old.value)
    }
    for (const [oldest, entry] of this.entries) {
      if (this.bytes + bytes <= CLAUSE_CACHE_BYTES) break
      this.entries.delete(oldest)
      this.bytes -= entry.bytes
      this.drop(entry.value)
    }
    this.entries.set(key, { value, bytes })
    this.bytes += bytes
  }

  clear(): void {
    for (const entry of this.entries.values()) this.drop(entry.value)
    this.entries.clear()
    this.bytes = 0
  }

  private drop(value: ResolvedClause): void {
    if (value.buffer !== undefined) this.pool.give(value.buffer)
  }

  private sync(index: SearchIndex): void {
    if (this.generation === index.generation) return
    this.clear()
    this.generation = index.generation
  }
}

function sizeOf({ match, totals, buffer }: ResolvedClause): number {
  if (buffer !== undefined) return buffer.byteLength
  let bytes = match.units.byteLength + match.scores.byteLength + totals.slots.byteLength + totals.totals.byteLength
  bytes += (match.posStart?.byteLength ?? 0) + (match.positions?.byteLength ?? 0)
  for (const source of match.sources) bytes += source.units.byteLength + source.counts.byteLength + source.offsets.byteLength
  return bytes
}

const caches = new WeakMap<SearchIndex, ClauseCache>()

export function clauseCache(index: SearchIndex): ClauseCache {
  let cache = caches.get(index)
  if (cache === undefined) {
    cache = new ClauseCache(bufferPool(index))
    caches.set(index, cache)
  }
  return cache
}

/** Forgets every cached clause of the index: for measuring queries that find nothing cached. */
export function dropClauseCache(index: SearchIndex): void {
  caches.get(index)?.clear()
}

/** What decides a clause's match: its words (spellings, folded keys, alternatives) and whether the last is a prefix. */
export function clauseKey(clause: QueryClause): string {
  const words = clause.terms.map((term) => `${term.exact}\u0001${term.folded}\u0001${term.alternatives.join('\u0002')}`)
  return `${clause.prefix ? 'p' : 'w'}\u0000${words.join('\u0000')}`
}
