/**
 * Ranking: BM25 per unit, weighted by field, summed per article.
 *
 * - IDF is counted over articles (a term in the title and the body of one article counts once),
 *   so syllables that nearly every article has ("và", "của", "hai", "các") score close to zero
 *   and cannot drown a rare name.
 * - Occurrences whose accents equal the query's count twice, when the query was typed with
 *   accents: "hòa" ranks an article with "hòa"/"hoà" above one with only "hóa" or "họa".
 *   A query typed without diacritics favours no spelling.
 * - Title and tag hits weigh more than body hits; highlight quotes and notes a little more (the
 *   user chose those passages).
 * - Completions of the word being typed weigh half of the word itself.
 * - Consecutive query words found adjacent and in order put the article in a higher tier, which
 *   ranks above any score (adjacency.ts: "vien thong" ranks "viễn thông" above "Tổng thống …
 *   thành viên"), and add a bigram bonus within it.
 * - Several units of one field (many highlights quoting the same term) add up with diminishing
 *   weight: the best counts fully, the rest a quarter.
 */
export const K1 = 1.2
export const B = 0.75
/** Indexed by field code: title, body, quote, note, tag. */
export const FIELD_WEIGHTS: readonly number[] = [3, 1, 1.5, 1.5, 2.5]
export const EXACT_BOOST = 1
export const PREFIX_WEIGHT = 0.5
export const PROXIMITY_WEIGHT = 1
export const EXTRA_UNIT_WEIGHT = 0.25
/**
 * Completions of the word being typed that are searched, the most frequent first: a few for one
 * letter (the next keystroke narrows it anyway), more as the prefix grows and gets selective.
 */
export function prefixExpansions(prefixLength: number): number {
  return prefixLength <= 1 ? 8 : prefixLength === 2 ? 16 : 32
}

export function inverseDocumentFrequency(df: number, articles: number): number {
  return Math.log(1 + (articles - df + 0.5) / (df + 0.5))
}

/** BM25's term-frequency part for `tf` occurrences in a unit of `length` tokens. */
export function saturate(tf: number, length: number, averageLength: number): number {
  const norm = averageLength > 0 ? 1 - B + (B * length) / averageLength : 1
  return (tf * (K1 + 1)) / (tf + K1 * norm)
}

/**
 * BM25 with the length normalisation precomputed per field: K1 * norm(length) = a[f] + c[f] * length.
 * The same value as `saturate`, for hot loops.
 */
export interface LengthNorms {
  readonly a: Float64Array
  readonly c: Float64Array
}

export function lengthNorms(averages: Float64Array): LengthNorms {
  const a = averages.map((average) => (average > 0 ? K1 * (1 - B) : K1))
  const c = averages.map((average) => (average > 0 ? (K1 * B) / average : 0))
  return { a, c }
}
