/**
 * The numbers that decide when a highlight is re-attached and when it becomes an orphan. The bar
 * is "never attach a highlight to the wrong passage": an orphan is visible and fixable (the
 * Orphans list shows its quote), a highlight on the wrong sentence silently misinforms a brief.
 * So every threshold errs towards orphan. Golden tests in test/anchoring pin their effect.
 */

/**
 * Characters of prefix and suffix stored around a quote (the issue asks for "about 32"). Long
 * enough to tell apart two occurrences of a phrase in repetitive agency prose ("hợp tác giữa Việt
 * Nam và Peru" recurs in every paragraph), short enough that an edit nearby rarely touches both.
 */
export const CONTEXT_LENGTH = 32

/**
 * A context side "agrees" with the stored prefix or suffix when their similarity (1 minus edit
 * distance over length) is at least this: up to 8 edits in 32 characters, so fixing a typo or a
 * misread diacritic next to the passage keeps it, while a rewritten or deleted neighbour does not.
 */
export const MIN_CONTEXT_SIMILARITY = 0.75

/**
 * An exact occurrence of the quote (when the stored position did not confirm it) is accepted only
 * with this many characters of evidence: the quote's length plus CONTEXT_LENGTH for each context
 * side that agrees. 64 is what the two context sides of an untouched passage give on their own,
 * whatever its length. In effect:
 *  - both sides agree: accepted, however short the quote;
 *  - one side agrees: the quote must be at least 32 characters ("600 triệu USD" next to a
 *    rewritten sentence is too common a phrase to trust on one side's word);
 *  - neither agrees: only a quote of 64+ characters, a sentence that identifies itself.
 */
export const MIN_EXACT_EVIDENCE = 2 * CONTEXT_LENGTH

/**
 * A fuzzy match must be at least this similar to the stored quote: at most one edit in four
 * characters. Fixing OCR damage in a sentence (a few misread diacritics, "dầu tu" for "đầu tư")
 * stays well under it; a passage that was mostly rewritten is no longer the passage the user
 * highlighted.
 * Fuzzy matches also need BOTH context sides to agree: agency prose repeats sentence templates with
 * different figures ("đạt 540 triệu USD năm 2022" / "đạt 600 triệu USD năm 2023"), and when one
 * such sentence is deleted its neighbour looks like an edited copy of it with one side of context
 * intact. The neighbour's far side never matches, so requiring both sides turns that trap into an
 * orphan. The price: a passage edited inside whose neighbour was also rewritten within 32
 * characters becomes an orphan too (bench/anchoring.bench.ts shows how often: rarely after typo
 * fixes, often after dense rewriting).
 */
export const MIN_FUZZY_QUOTE_SIMILARITY = 0.75

/**
 * Upper bound on the edits the approximate search looks for. Its cost grows with
 * ceil(maxErrors / 32) × text length, so this caps the search for a very long quote (over 1,024
 * characters) at the cost of a 1,024-character one instead of letting it grow with the quote;
 * such a quote then tolerates proportionally fewer edits, which only makes it more conservative.
 */
export const MAX_FUZZY_ERRORS = 256

/**
 * Weights that rank acceptable candidates (after the thresholds above have filtered them), as in
 * Hypothesis's match-quote.ts: the quote matters most, then each context side, and closeness to
 * the old position breaks ties between identical passages in identical surroundings.
 */
export const SCORE_WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const
