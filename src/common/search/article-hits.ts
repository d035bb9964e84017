import { bigramBonus, isWordPair } from './adjacency'
import { adjacentPairs, lowerBound } from './clause-match'
import { lowerBoundIn, PositionReader } from './position-reader'
import { matchingAnnotations } from './filters'
import type { QueryFilters } from './query'
import type { Ranking } from './rank'
import type { ArticleResult, SearchHit } from './results'
import type { SearchIndex } from './search-index'
import { SEARCH_FIELDS } from './searchable'
import { makeSnippet, type HitSpan } from './snippet'
import { scanTokens } from './tokenize'
import { FIELD_CODES } from './unit-table'

/**
 * The hits of one ranked article: which of its units matched, scored like the article was, the
 * best few with a snippet. Offsets are found by scanning the unit's text again up to the last
 * position needed (from the nearest checkpoint), so postings need not store character offsets.
 *
 * Units where the query's consecutive words stand side by side (adjacency.ts) come first, and
 * their snippets centre on such an occurrence: the first snippet of an article shows the words
 * together whenever the article has them together.
 */
export interface HitOptions {
  readonly hitsPerArticle: number
  readonly snippetLength: number
}

interface UnitHit {
  readonly unit: number
  score: number
  /** How many of the query's pairs stand side by side in this unit. */
  linked: number
  /** [clause, k] pairs: the clause's match entry k is this unit. */
  readonly parts: Array<[number, number]>
}

/** Average characters per token, Vietnamese syllables and their spaces: sizes the window in tokens. */
const CHARS_PER_TOKEN = 6

interface Wanted {
  readonly group: number
  readonly first: number
  readonly last: number
  /** Next to the occurrence of the query's previous or next word (a pair, adjacency.ts). */
  linked: boolean
}

/**
 * The occurrence that starts the window of `width` positions with the most distinct groups
 * standing side by side with their neighbours, then the most distinct groups (the earliest such).
 */
function coreOf(wanted: readonly Wanted[], width: number): Wanted {
  let best = wanted[0]!
  let bestLinked = 0
  let bestDistinct = 0
  // Groups are clause numbers: a bit mask counts distinct ones without a Set per occurrence.
  const masked = wanted.every((want) => want.group < 31)
  for (let i = 0; i < wanted.length; i++) {
    let distinct = 0
    let linked = 0
    if (masked) {
      let mask = 0
      let linkedMask = 0
      for (let j = i; j < wanted.length && wanted[j]!.last - wanted[i]!.first < width; j++) {
        mask |= 1 << wanted[j]!.group
        if (wanted[j]!.linked) linkedMask |= 1 << wanted[j]!.group
      }
      for (; mask !== 0; mask &= mask - 1) distinct++
      for (; linkedMask !== 0; linkedMask &= linkedMask - 1) linked++
    } else {
      const groups = new Set<number>()
      const linkedGroups = new Set<number>()
      for (let j = i; j < wanted.length && wanted[j]!.last - wanted[i]!.first < width; j++) {
        groups.add(wanted[j]!.group)
        if (wanted[j]!.linked) linkedGroups.add(wanted[j]!.group)
      }
      distinct = groups.size
      linked = linkedGroups.size
    }
    if (linked > bestLinked || (linked === bestLinked && distinct > bestDistinct)) {
      best = wanted[i]!
      bestLinked = linked
      bestDistinct = distinct
    }
  }
  return best
}

/**
 * Character spans of the occurrences, found by scanning the text again. The scan stops a
 * snippet's length after the best window, so a long body is read only as far as the snippet.
 */
function spansFor(text: string, checkpoints: readonly number[], wanted: readonly Wanted[], snippetLength: number): HitSpan[] {
  const width = Math.ceil(snippetLength / CHARS_PER_TOKEN)
  const linked = wanted.some((want) => want.linked) ? wanted.filter((want) => want.linked) : wanted
  const core = coreOf(linked, width)
  const lastPosition = core.first + width
  // Resume from the last checkpoint well before the window (the snippet may reach left of it).
  let from = 0
  let firstPosition = 0
  for (let i = 0; i < checkpoints.length && checkpoints[i]! <= core.first - 2 * width; i += 2) {
    firstPosition = checkpoints[i]!
    from = checkpoints[i + 1]!
  }
  // The token positions whose offsets are needed, sorted and distinct; the scan walks them in step.
  const needed = new Int32Array(2 * wanted.length)
  wanted.forEach((want, i) => {
    needed[2 * i] = want.first
    needed[2 * i + 1] = want.last
  })
  needed.sort()
  let distinct = 0
  for (let i = 0; i < needed.length; i++) if (i === 0 || needed[i] !== needed[distinct - 1]) needed[distinct++] = needed[i]!
  const starts = new Int32Array(distinct).fill(-1)
  const ends = new Int32Array(distinct).fill(-1)
  let next = 0
  let stopAt = Number.MAX_SAFE_INTEGER
  scanTokens(
    text,
    (start, end, position) => {
      if (position >= core.first && stopAt === Number.MAX_SAFE_INTEGER) stopAt = start + 2 * snippetLength
      if (position > lastPosition && start > stopAt) return false
      while (next < distinct && needed[next]! < position) next++
      if (next === distinct) return false
      if (needed[next] === position) {
        starts[next] = start
        ends[next] = end
      }
      return true
    },
    from,
    firstPosition,
  )
  const at = (position: number) => lowerBoundIn(needed, distinct, position)
  const spans: HitSpan[] = []
  for (const want of wanted) {
    const start = starts[at(want.first)]
    const end = ends[at(want.last)]
    if (start !== undefined && end !== undefined && start !== -1 && end !== -1) spans.push({ start, end, group: want.group, linked: want.linked })
  }
  return spans
}

function hitFor(index: SearchIndex, unit: number, score: number, spans: readonly HitSpan[], options: HitOptions): SearchHit {
  const record = index.articles[index.units.article[unit]!]!
  const annotationIndex = index.units.annotation[unit]!
  const annotation = annotationIndex === -1 ? undefined : record.annotations[annotationIndex]
  const tagIndex = index.units.tag[unit]!
  const snippet = makeSnippet(index.units.textOf(unit), spans, options.snippetLength)
  return {
    field: SEARCH_FIELDS[index.units.field[unit]!]!,
    annotationId: annotation?.id ?? null,
    tagId: annotation === undefined || tagIndex === -1 ? null : (annotation.tags[tagIndex]?.id ?? null),
    score,
    snippet: snippet.text,
    snippetStart: snippet.start,
    snippetEnd: snippet.end,
    truncatedStart: snippet.truncatedStart,
    truncatedEnd: snippet.truncatedEnd,
    snippetMarks: snippet.snippetMarks,
    marks: snippet.marks,
  }
}

function spansOf(index: SearchIndex, ranking: Ranking, readers: readonly PositionReader[], hit: UnitHit, snippetLength: number): HitSpan[] {
  const wanted: Wanted[] = []
  for (const [clause, k] of hit.parts) {
    const width = ranking.matches[clause]!.width
    const reader = readers[clause]!
    const count = reader.read(k)
    for (let p = 0; p < count; p++) {
      const first = reader.buffer[p]! >>> 1
      wanted.push({ group: clause, first, last: first + width - 1, linked: false })
    }
  }
  if (wanted.length === 0) return []
  wanted.sort((a, b) => a.first - b.first || a.group - b.group)
  if (hit.linked > 0) markLinked(ranking, wanted)
  return spansFor(index.units.textOf(hit.unit), index.checkpointsOf(hit.unit), wanted, snippetLength)
}

/** Marks the occurrences of a pair's words that stand side by side (wanted is in position order). */
function markLinked(ranking: Ranking, wanted: readonly Wanted[]): void {
  const clauses = ranking.clauses
  for (let j = 0; j < wanted.length; j++) {
    const left = wanted[j]!
    if (!isWordPair(clauses, left.group)) continue
    // The next word's occurrence right after it, if any, is among the next few in position order.
    for (let n = j + 1; n < wanted.length && wanted[n]!.first <= left.last + 1; n++) {
      const right = wanted[n]!
      if (right.group === left.group + 1 && right.first === left.last + 1) {
        left.linked = true
        right.linked = true
      }
    }
  }
}

/** Highlights that pass the annotation filters, as hits on their quotes (a filters-only query). */
function filterHits(index: SearchIndex, slot: number, filters: QueryFilters, options: HitOptions): ArticleResult {
  const record = index.articles[slot]!
  const wanted = new Set(matchingAnnotations(record, filters) ?? [])
  const hits: SearchHit[] = []
  for (let unit = record.firstUnit; unit < record.firstUnit + record.unitCount; unit++) {
    if (index.units.field[unit] === FIELD_CODES.quote && wanted.has(index.units.annotation[unit]!)) {
      if (hits.length < options.hitsPerArticle) hits.push(hitFor(index, unit, 0, [], options))
    }
  }
  return { articleId: record.id, score: 0, hitCount: wanted.size, scattered: false, hits }
}

/** The query's pairs whose two words the article has (all of them, unless no article has every word). */
function pairsPresent(ranking: Ranking, found: readonly UnitHit[]): number {
  const present = new Set<number>()
  for (const hit of found) for (const [clause] of hit.parts) present.add(clause)
  let pairs = 0
  for (let i = 0; i + 1 < ranking.clauses.length; i++) if (isWordPair(ranking.clauses, i) && present.has(i) && present.has(i + 1)) pairs++
  return pairs
}

export function articleHits(index: SearchIndex, ranking: Ranking, rank: number, filters: QueryFilters, options: HitOptions): ArticleResult {
  const slot = ranking.slots[rank]!
  if (ranking.mode === 'filters') return filterHits(index, slot, filters, options)
  const record = index.articles[slot]!
  const first = record.firstUnit
  const end = first + record.unitCount
  const byUnit: Array<UnitHit | undefined> = new Array(record.unitCount)
  ranking.matches.forEach((match, clause) => {
    for (let k = lowerBound(match, first); k < match.count && match.units[k]! < end; k++) {
      const unit = match.units[k]!
      const hit = (byUnit[unit - first] ??= { unit, score: 0, linked: 0, parts: [] })
      hit.score += match.scores[k]!
      hit.parts.push([clause, k])
    }
  })
  const found = byUnit.filter((hit): hit is UnitHit => hit !== undefined)
  const readers = ranking.matches.map((match) => new PositionReader(match))
  // The pairs linked somewhere in the article: its tier, as rank.ts counts it.
  const linkedPairs = new Set<number>()
  for (const hit of found) {
    for (let i = 0; i + 1 < ranking.clauses.length; i++) {
      if (!isWordPair(ranking.clauses, i)) continue
      const left = hit.parts.find(([clause]) => clause === i)
      const right = hit.parts.find(([clause]) => clause === i + 1)
      if (left === undefined || right === undefined) continue
      const pairs = adjacentPairs(readers[i]!, left[1], readers[i + 1]!, right[1])
      if (pairs === 0) continue
      hit.score += bigramBonus(index, hit.unit, pairs, ranking.matches[i]!.idf + ranking.matches[i + 1]!.idf, ranking.averages)
      hit.linked++
      linkedPairs.add(i)
    }
  }
  found.sort((a, b) => b.linked - a.linked || b.score - a.score || a.unit - b.unit)
  return {
    articleId: record.id,
    score: ranking.scores[rank]!,
    hitCount: found.length,
    scattered: linkedPairs.size < pairsPresent(ranking, found),
    hits: found.slice(0, options.hitsPerArticle).map((hit) => hitFor(index, hit.unit, hit.score, spansOf(index, ranking, readers, hit, options.snippetLength), options)),
  }
}
