import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/annotation'
import type { LanguageCode } from '../model/article'
import { intersect, partialDateRange, type DayRange } from './date-range'
import { exactKey, foldedKey } from './fold'
import type { HasValue, ParseResult, QueryClause, QueryError, QueryErrorCode, QueryTerm } from './query'
import { foldText, scanTokens } from './tokenize'

/**
 * The query language (a help text for users must say the same; keep the two in step):
 *
 *   words          thuong mai        every word must occur in the article (any field); words
 *                                    typed without diacritics match every accented form
 *   "phrase"       "thương mại"      the words adjacent and in order; an unclosed quote runs to
 *                                    the end of the query (so typing a phrase never errs)
 *   tag:NAME       tag:CPTPP  tag:"Hiệp định CPTPP"   a highlight tagged NAME (name, alias or a
 *                                    parent tag's name); several tag: filters, same highlight
 *   color:C        color:yellow  color:yellow,green   yellow green blue pink purple
 *                                    (vang xanhla xanhduong hong tim)
 *   has:X          has:note  has:tag  has:highlight   (ghichu the danhdau)
 *   source:X       source:ttxvn  source:"nhân dân"   the source contains X
 *   lang:L         lang:vi  lang:en,es               vi en es und
 *   date:D         date:2023  date:2023-04  date:2023-04-05
 *   date:D1..D2    date:2023-01..2023-06  date:2023..  date:..2024-06   inclusive
 *   after:D        after:2023-01-01      on or after the start of D
 *   before:D       before:2024-06        before the start of D
 *
 * Filter names are case-insensitive, accents optional, with Vietnamese forms (thẻ, nguồn,
 * ngonngu, ngày, sau, trước, có, màu). Repeated lang:, source: or color: filters widen (any of
 * them); date filters narrow (all of them); tag:, color: and has: describe one highlight, which
 * the article must have. An article's date matches when it overlaps the filter's days: an article
 * dated "2023" passes date:2023-04; undated articles never pass a date filter. `word:value` with
 * an unknown word is an error (quote it to search for the text itself); a colon followed by a
 * space, times ("10:30") and links are plain text.
 */
export const MAX_QUERY_TERMS = 64

type FilterName = 'tag' | 'source' | 'lang' | 'date' | 'after' | 'before' | 'has' | 'color'

const FILTER_NAMES: Readonly<Record<string, FilterName>> = {
  tag: 'tag',
  tags: 'tag',
  the: 'tag',
  source: 'source',
  nguon: 'source',
  lang: 'lang',
  language: 'lang',
  ngonngu: 'lang',
  date: 'date',
  ngay: 'date',
  after: 'after',
  sau: 'after',
  before: 'before',
  truoc: 'before',
  has: 'has',
  co: 'has',
  color: 'color',
  colour: 'color',
  mau: 'color',
}

const LANGUAGES: Readonly<Record<string, LanguageCode>> = { vi: 'vi', en: 'en', es: 'es', und: 'und' }

const COLORS: Readonly<Record<string, HighlightColor>> = {
  ...Object.fromEntries(HIGHLIGHT_COLORS.map((color) => [color, color])),
  vang: 'yellow',
  xanhla: 'green',
  luc: 'green',
  xanhduong: 'blue',
  lam: 'blue',
  hong: 'pink',
  tim: 'purple',
}

const HAS: Readonly<Record<string, HasValue>> = {
  note: 'note',
  ghichu: 'note',
  tag: 'tag',
  the: 'tag',
  highlight: 'highlight',
  annotation: 'highlight',
  danhdau: 'highlight',
}

// Words that look like filters but are the start of a link someone pasted.
const NOT_FILTERS = new Set(['http', 'https', 'mailto', 'file'])

const SPACE = /\s/u
const FILTER_START = /^(\p{L}+):(?=[^\s])/u

class QueryParseError {
  constructor(readonly error: QueryError) {}
}

function fail(code: QueryErrorCode, part: string, start: number, params: Record<string, string | number> = {}): never {
  throw new QueryParseError({ code, params: { part, ...params }, part, start, end: start + part.length })
}

/** "30000" is also "30.000", and "30.000" (or "30,000") also "30000". */
function numberAlternatives(folded: string): string[] {
  if (/^\d{4,}$/.test(folded)) return [folded.replace(/\B(?=(\d{3})+$)/g, '.')]
  if (/^\d{1,3}(\.\d{3})+$/.test(folded)) return [folded.replaceAll('.', '')]
  return []
}

function termsOf(text: string): QueryTerm[] {
  const terms: QueryTerm[] = []
  scanTokens(text, (start, end) => {
    const raw = text.slice(start, end)
    const folded = foldedKey(raw)
    terms.push({ exact: exactKey(raw), folded, alternatives: numberAlternatives(folded) })
  })
  return terms
}

function compact(value: string): string {
  return foldText(value).replaceAll(' ', '')
}

function listOf<T>(value: string, table: Readonly<Record<string, T>>, code: QueryErrorCode, part: string, start: number, allowed: string): T[] {
  const items = value.split(',').filter((item) => item.trim() !== '')
  return items.map((item) => {
    const found = table[compact(item)]
    if (found === undefined) fail(code, part, start, { value: item, allowed })
    return found
  })
}

function dateOf(value: string, part: string, start: number): DayRange {
  const range = partialDateRange(value)
  if (range === null) fail('search.badDate', part, start, { value })
  return range
}

function dateRangeOf(value: string, part: string, start: number): DayRange {
  const dots = value.indexOf('..')
  if (dots === -1) return dateOf(value, part, start)
  const left = value.slice(0, dots)
  const right = value.slice(dots + 2)
  if (left === '' && right === '') fail('search.badDate', part, start, { value })
  const from = left === '' ? 0 : dateOf(left, part, start).from
  const to = right === '' ? 99_991_231 : dateOf(right, part, start).to
  if (from > to) fail('search.badDateRange', part, start, { value })
  return { from, to }
}

interface Draft {
  clauses: QueryClause[]
  languages: LanguageCode[]
  sources: string[]
  dates: DayRange | null
  tags: string[]
  colors: HighlightColor[]
  has: HasValue[]
}

function applyFilter(draft: Draft, name: FilterName, value: string, part: string, start: number): void {
  if (value.trim() === '') fail('search.emptyFilter', part, start, { filter: name })
  const narrow = (range: DayRange) => {
    draft.dates = draft.dates === null ? range : intersect(draft.dates, range)
  }
  switch (name) {
    case 'tag': {
      const folded = foldText(value)
      if (folded === '') fail('search.emptyFilter', part, start, { filter: name })
      draft.tags.push(folded)
      return
    }
    case 'source': {
      const folded = foldText(value)
      if (folded === '') fail('search.emptyFilter', part, start, { filter: name })
      draft.sources.push(folded)
      return
    }
    case 'lang':
      draft.languages.push(...listOf(value, LANGUAGES, 'search.badLanguage', part, start, Object.keys(LANGUAGES).join(', ')))
      return
    case 'color':
      draft.colors.push(...listOf(value, COLORS, 'search.badColor', part, start, HIGHLIGHT_COLORS.join(', ')))
      return
    case 'has':
      draft.has.push(...listOf(value, HAS, 'search.badHas', part, start, 'note, tag, highlight'))
      return
    case 'date':
      narrow(dateRangeOf(value, part, start))
      return
    case 'after':
      narrow({ from: dateOf(value, part, start).from, to: 99_991_231 })
      return
    case 'before':
      narrow({ from: 0, to: dateOf(value, part, start).from - 1 })
      return
  }
}

/** Reads a quoted string starting at `open` (the quote); returns its content and the offset after it. */
function readQuoted(query: string, open: number): { text: string; next: number; closed: boolean } {
  const close = query.indexOf('"', open + 1)
  if (close === -1) return { text: query.slice(open + 1), next: query.length, closed: false }
  return { text: query.slice(open + 1, close), next: close + 1, closed: true }
}

function readWord(query: string, from: number): number {
  let end = from
  while (end < query.length && !SPACE.test(query[end]!) && query[end] !== '"') end++
  return end
}

function parse(query: string): Draft {
  const draft: Draft = { clauses: [], languages: [], sources: [], dates: null, tags: [], colors: [], has: [] }
  const addClause = (text: string, start: number, end: number, quoted: boolean, open: boolean) => {
    const terms = termsOf(text)
    if (terms.length === 0) return
    // Search as you type: the last word is a prefix while the user is still typing it.
    const prefix = open && end === query.length
    draft.clauses.push({ terms, quoted, prefix, start, end })
  }
  let i = 0
  while (i < query.length) {
    if (SPACE.test(query[i]!)) {
      i++
      continue
    }
    if (query[i] === '"') {
      const quoted = readQuoted(query, i)
      addClause(quoted.text, i, quoted.next, true, !quoted.closed)
      i = quoted.next
      continue
    }
    const filter = FILTER_START.exec(query.slice(i, i + 40))
    const key = filter === null ? undefined : foldedKey(filter[1]!)
    if (filter !== null && key !== undefined && !NOT_FILTERS.has(key)) {
      const name = FILTER_NAMES[key]
      const valueStart = i + filter[0].length
      let value: string
      let end: number
      if (query[valueStart] === '"') {
        const quoted = readQuoted(query, valueStart)
        value = quoted.text
        end = quoted.next
      } else {
        end = valueStart
        while (end < query.length && !SPACE.test(query[end]!)) end++
        value = query.slice(valueStart, end)
      }
      const part = query.slice(i, end)
      if (name === undefined) fail('search.unknownFilter', part, i, { filter: filter[1]! })
      applyFilter(draft, name, value, part, i)
      i = end
      continue
    }
    const end = readWord(query, i)
    addClause(query.slice(i, end), i, end, false, true)
    i = end
  }
  const termCount = draft.clauses.reduce((sum, clause) => sum + clause.terms.length, 0)
  if (termCount > MAX_QUERY_TERMS) fail('search.tooLong', query, 0, { max: MAX_QUERY_TERMS })
  return draft
}

/** Parses a query; a malformed filter gives an error value naming the bad part, never a throw. */
export function parseQuery(query: string): ParseResult {
  try {
    const draft = parse(query)
    return {
      ok: true,
      query: {
        clauses: draft.clauses,
        filters: {
          languages: [...new Set(draft.languages)],
          sources: draft.sources,
          dates: draft.dates,
          tags: draft.tags,
          colors: [...new Set(draft.colors)],
          has: [...new Set(draft.has)],
        },
      },
    }
  } catch (error) {
    if (error instanceof QueryParseError) return { ok: false, error: error.error }
    throw error
  }
}
