import approxSearch from 'approx-string-match'
import type { TextQuoteSelector } from '../model/annotation'
import { ContextSide } from './context-similarity'
import { foldString, type FoldedText } from './folded-text'
import {
  CONTEXT_LENGTH,
  MAX_FUZZY_ERRORS,
  MIN_CONTEXT_SIMILARITY,
  MIN_EXACT_EVIDENCE,
  MIN_FUZZY_QUOTE_SIMILARITY,
  SCORE_WEIGHTS,
} from './thresholds'
import type { TextRange } from './types'

export interface QuoteMatch {
  /** The passage in the original (unfolded) text. */
  readonly range: TextRange
  readonly method: 'quote' | 'fuzzy'
}

/** A candidate in folded coordinates, with the number of edits between it and the quote. */
interface Candidate {
  readonly start: number
  readonly end: number
  readonly errors: number
}

interface Scored {
  readonly candidate: Candidate
  readonly prefixAgrees: boolean
  readonly suffixAgrees: boolean
  readonly score: number
}

/**
 * Finds the passage a quote selector describes in `text`, or returns null: the pure string
 * matcher behind `reanchor`, in the manner of Hypothesis's match-quote.ts, but stricter about
 * what it accepts (see thresholds.ts for every number and why).
 *
 * 1. Exact: every occurrence of the folded quote (NFC, whitespace runs as one space), overlapping
 *    ones included, anywhere in the text. An occurrence is accepted with enough evidence
 *    (MIN_EXACT_EVIDENCE) from its length and its agreeing context sides.
 * 2. Fuzzy, only when the quote occurs nowhere: approximate matches (approx-string-match returns
 *    those with the fewest edits, here at most a quarter of the quote), accepted only when both
 *    context sides agree. `fuzzyRange` (original offsets) limits where this stage looks; null
 *    skips it.
 * Accepted candidates are ranked by quote, context and closeness to `hint` (the old start offset),
 * which is what keeps the second of two identical sentences the second.
 *
 * When the quote still occurs verbatim but nowhere with enough evidence, no fuzzy search is made:
 * it would only find the same occurrences again (they have the fewest edits: none), and the
 * honest answer is that the passage cannot be told apart any more.
 */
export function matchQuote(
  text: FoldedText,
  selector: TextQuoteSelector,
  hint: number | null,
  fuzzyRange: TextRange | null,
): QuoteMatch | null {
  const quote = foldString(selector.exact)
  const prefix = ContextSide.prefix(foldString(selector.prefix))
  const suffix = ContextSide.suffix(foldString(selector.suffix))
  const haystack = text.folded

  const score = (candidate: Candidate): Scored => {
    const prefixScore = prefix.similarity(haystack, candidate.start)
    const suffixScore = suffix.similarity(haystack, candidate.end)
    const originalStart = text.toOriginal(candidate.start, candidate.end).start
    const positionScore = hint === null ? 1 : Math.max(0, 1 - Math.abs(originalStart - hint) / Math.max(1, text.original.length))
    return {
      candidate,
      prefixAgrees: prefixScore >= MIN_CONTEXT_SIMILARITY,
      suffixAgrees: suffixScore >= MIN_CONTEXT_SIMILARITY,
      score:
        SCORE_WEIGHTS.quote * (1 - candidate.errors / quote.length) +
        SCORE_WEIGHTS.prefix * prefixScore +
        SCORE_WEIGHTS.suffix * suffixScore +
        SCORE_WEIGHTS.position * positionScore,
    }
  }

  const exact = exactCandidates(haystack, quote)
  if (exact.length > 0) {
    const found = best(exact.map(score).filter((scored) => exactEvidence(quote, scored) >= MIN_EXACT_EVIDENCE))
    return found === null ? null : { range: text.toOriginal(found.start, found.end), method: 'quote' }
  }
  if (fuzzyRange === null) return null

  // Bounded by the similarity threshold: a candidate with more edits would be refused anyway.
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(quote.length * (1 - MIN_FUZZY_QUOTE_SIMILARITY)))
  if (maxErrors === 0) return null
  const from = text.toFolded(fuzzyRange.start)
  const accepted = approxSearch(haystack.slice(from, text.toFolded(fuzzyRange.end)), quote, maxErrors)
    .map((match) => score({ start: from + match.start, end: from + match.end, errors: match.errors }))
    .filter((scored) => scored.prefixAgrees && scored.suffixAgrees)
  const found = best(accepted)
  if (found === null) return null
  const { start, end } = settleEdges(haystack, found, prefix, suffix, Math.min(maxErrors, CONTEXT_LENGTH))
  return { range: text.toOriginal(start, end), method: 'fuzzy' }
}

/**
 * Moves the edges of a fuzzy match to where the context says the passage begins and ends.
 * Edit distance alone is indifferent to the edges: after "mở đường bay" became "mở các đường
 * bay", the cheapest match of the old quote starts at "các" (three substitutions beat four
 * insertions) and the highlight would lose its first word. The stored prefix ends exactly where
 * the passage began, so within `reach` of each edge the offset whose context agrees best wins;
 * ties keep the matcher's choice, or the offset nearest to it.
 */
function settleEdges(haystack: string, candidate: Candidate, prefix: ContextSide, suffix: ContextSide, reach: number): Candidate {
  const settle = (at: number, similarity: (offset: number) => number): number => {
    let bestAt = at
    let bestSimilarity = similarity(at)
    // Nothing beats a context that agrees in full: the usual case, when the edit is inside.
    for (let distance = 1; distance <= reach && bestSimilarity < 1; distance++) {
      for (const offset of [at - distance, at + distance]) {
        if (offset < 0 || offset > haystack.length) continue
        const value = similarity(offset)
        if (value > bestSimilarity) [bestAt, bestSimilarity] = [offset, value]
      }
    }
    return bestAt
  }
  const start = settle(candidate.start, (offset) => prefix.similarity(haystack, offset))
  const end = settle(candidate.end, (offset) => suffix.similarity(haystack, offset))
  return start < end ? { ...candidate, start, end } : candidate
}

/** Every start of `quote` in `haystack`, overlapping ones included ("ha ha" twice in "ha ha ha"). */
function exactCandidates(haystack: string, quote: string): Candidate[] {
  const candidates: Candidate[] = []
  for (let at = haystack.indexOf(quote); at !== -1; at = haystack.indexOf(quote, at + 1)) {
    candidates.push({ start: at, end: at + quote.length, errors: 0 })
  }
  return candidates
}

/** Characters of evidence for an exact occurrence: its length plus CONTEXT_LENGTH per agreeing side. */
function exactEvidence(quote: string, scored: Scored): number {
  return quote.length + CONTEXT_LENGTH * (Number(scored.prefixAgrees) + Number(scored.suffixAgrees))
}

/** The accepted candidate with the highest score (the first of equals), or null. */
function best(accepted: readonly Scored[]): Candidate | null {
  let top: Scored | undefined
  for (const scored of accepted) if (top === undefined || scored.score > top.score) top = scored
  return top?.candidate ?? null
}
