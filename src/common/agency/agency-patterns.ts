import type { PartialDate } from '../model/article'

/**
 * The line patterns of agency reports, one small tested function each. Lines are normalised
 * (NFC, single spaces, trimmed) before they get here. Vietnamese (TTXVN / Vietnam+), English
 * (VNA) and Spanish (EFE) house styles are covered; every pattern errs on the side of leaving a
 * line in the body, because a wrongly removed line costs the reader more than a stray caption.
 */

const SENTENCE_END = /[.!?…:;]["'”’)»]*$/u
const MAX_TITLE_LENGTH = 200
const MAX_CAPTION_LENGTH = 400
const MAX_CREDIT_LENGTH = 60

// ---------------------------------------------------------------------------------------------
// Date header: "date 2024-10", "date 2024-10-03", "date: 2024-10-03 14:20", possibly followed on
// the same line by the first line of the page (often a photo caption).

const DATE_HEADER = /^date\s*:?\s+(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?=\s|$)\s*(.*)$/iu

/** A checked partial date, or null when the month or day does not exist. */
export function partialDate(year: string, month?: string, day?: string): PartialDate | null {
  const y = Number(year)
  if (!/^\d{4}$/.test(year)) return null
  if (month === undefined) return year
  const m = Number(month)
  if (!Number.isInteger(m) || m < 1 || m > 12) return null
  const mm = String(m).padStart(2, '0')
  if (day === undefined) return `${year}-${mm}`
  const d = Number(day)
  if (!Number.isInteger(d) || d < 1 || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return null
  return `${year}-${mm}-${String(d).padStart(2, '0')}`
}

/** ISO-like dates as meta tags give them ("2024-10-03T08:00:00+07:00"): the date as written. */
export function parseIsoDate(value: string | null | undefined): PartialDate | null {
  const match = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T\s])/u.exec(value ?? '')
  if (!match?.[1]) return null
  return partialDate(match[1], match[2], match[3])
}

export interface DateHeader {
  /** Null when the header names an impossible date: recorded as unknown rather than guessed. */
  readonly published: PartialDate | null
  /** What followed the date on the same line ('' when nothing). */
  readonly rest: string
}

export function parseDateHeader(line: string): DateHeader | null {
  const match = DATE_HEADER.exec(line)
  if (!match?.[1]) return null
  return { published: partialDate(match[1], match[2], match[3]), rest: match[4] ?? '' }
}

// ---------------------------------------------------------------------------------------------
// Photo captions: "… (Ảnh: TTXVN phát)", "(Ảnh minh họa)", "… (Photo: VNA)", "… (Foto: EFE)",
// "Ảnh: TTXVN" alone, or "…. Ảnh: TTXVN" after the captioned sentence.

// A credit word needs a colon ("anh" alone is also "he" in Vietnamese written without marks);
// a few fixed phrases ("Ảnh minh họa", "File photo") stand alone.
const CAPTION_WORD = String.raw`(?:ảnh|ảnh chụp|hình|hình ảnh|nguồn ảnh|photo|photograph|picture|foto|fotografía|imagen)`
const CAPTION_PHRASE = String.raw`(?:ảnh minh (?:họa|hoạ)|ảnh tư liệu|ảnh internet|photo illustration|illustrative photo|file photo|archive photo|foto de archivo|foto ilustrativa|imagen de archivo)`
const PAREN_CREDIT = new RegExp(String.raw`\((?:${CAPTION_WORD}\s*:[^()]{1,80}|${CAPTION_PHRASE}(?:\s*:[^()]{1,80})?)\)$`, 'iu')
const LEADING_CREDIT = new RegExp(String.raw`^${CAPTION_WORD}\s*:\s*\S.{0,80}$`, 'iu')
const TRAILING_CREDIT = new RegExp(String.raw`[.!?…]\s+${CAPTION_WORD}\s*:\s*[^.()]{1,60}$`, 'iu')

export function isPhotoCaption(line: string): boolean {
  if (line.length > MAX_CAPTION_LENGTH) return false
  return PAREN_CREDIT.test(line) || TRAILING_CREDIT.test(line) || (line.length <= 100 && LEADING_CREDIT.test(line))
}

// "<alt text> ảnh 1<caption>": web pages put the photo's alt text (usually the title followed by
// "ảnh N") right before its caption, and copying the page glues them together.
const ALT_MARK = String.raw`(?:ảnh|hình|photo|foto|imagen)\s\d{1,2}`
const ALT_PREFIX = new RegExp(String.raw`^(.*?\s${ALT_MARK})(?=\S)(.+)$`, 'iu')
const ALT_ALONE = new RegExp(String.raw`^(.*\s)?${ALT_MARK}$`, 'iu')
const ALT_MARK_ANYWHERE = new RegExp(String.raw`\s${ALT_MARK}`, 'iu')
const ALT_MARK_AT_START = new RegExp(String.raw`^\s${ALT_MARK}(?=\S)`, 'iu')
const ENDS_WITH_DIGIT = /\d$/u

export interface AltSplit {
  readonly alt: string
  readonly rest: string
}

function foldForCompare(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim()
}

/** Two titles that differ only in case, spacing or punctuation. */
export function sameTitle(a: string, b: string): boolean {
  return foldForCompare(a) === foldForCompare(b)
}

/** A headline and a metadata title of which one contains the other ("Title" and "Title | Site"). */
export function overlappingTitle(heading: string, title: string): boolean {
  const a = foldForCompare(heading)
  const b = foldForCompare(title)
  return a.length >= 8 && b.length >= 8 && (a.includes(b) || b.includes(a))
}

/**
 * Splits "<alt> ảnh 1<caption>" into its two parts. With a known title the alt text must start
 * with it; without one the caption part must carry a photo credit, so that an ordinary sentence
 * containing "ảnh 2" is never cut.
 */
export function splitAltPrefix(line: string, title: string | null): AltSplit | null {
  // Cheap tests first: this runs on every line of every article.
  if (!ALT_MARK_ANYWHERE.test(line)) return null
  if (title !== null && line.length > title.length) {
    const tail = line.slice(title.length)
    const found = ALT_MARK_AT_START.exec(tail)
    if (found && sameTitle(line.slice(0, title.length), title)) {
      return { alt: line.slice(0, title.length + found[0].length), rest: tail.slice(found[0].length).trim() }
    }
  }
  const match = ALT_PREFIX.exec(line)
  if (match?.[1] === undefined || match[2] === undefined) return null
  const rest = match[2].trim()
  return isPhotoCaption(rest) ? { alt: match[1], rest } : null
}

/** A line that is only alt text: "<title> ảnh 1" (its caption is on the next line, or absent). */
export function isAltTextLine(line: string, title: string | null, nextLine: string | null): boolean {
  if (!ENDS_WITH_DIGIT.test(line) || !ALT_ALONE.test(line)) return false
  const head = line.replace(new RegExp(String.raw`\s?${ALT_MARK}$`, 'iu'), '')
  return (title !== null && sameTitle(head, title)) || (nextLine !== null && isPhotoCaption(nextLine))
}

// ---------------------------------------------------------------------------------------------
// Credit lines: "(TTXVN/Vietnam+)", "(VNA)", "(EFE)", "(Theo Reuters)", "Nguồn: VnExpress",
// "Source: VNA", "Fuente: EFE", "Theo TTXVN". The text inside becomes the article's source.

const PAREN_LINE = /^\(([^()]+)\)$/u
const LABELLED_CREDIT = /^(?:nguồn|source|sources|fuente|fuentes)\s*:\s*(.+)$/iu
const THEO_CREDIT = /^(?:[Tt]heo|[Aa]ccording to|[Ss]egún)\s+(\p{Lu}.*)$/u
const CREDIT_PREFIX = /^(?:theo|according to|según|nguồn|source|fuente)\s*:?\s+/iu
// Series markers look like credits but are part of the story: "(Còn nữa)", "(Hết)", "(Kỳ 2)".
const SERIES_MARK = /^(?:còn nữa|còn tiếp|hết|kỳ \d+|kỳ cuối|to be continued|continued|continuará|fin|end)$/iu

function plausibleCredit(text: string): boolean {
  const words = text.split(/\s+/u).length
  return (
    text.length >= 2 &&
    text.length <= MAX_CREDIT_LENGTH &&
    words <= 6 &&
    /\p{Lu}/u.test(text) &&
    !SENTENCE_END.test(text.replace(/\.$/u, '')) &&
    !/[.!?…]\s/u.test(text)
  )
}

/** The source named by a credit line, or null when the line is not one. */
export function creditLineSource(line: string): string | null {
  if (line.length > MAX_CREDIT_LENGTH + 12 || isPhotoCaption(line)) return null
  const paren = PAREN_LINE.exec(line)
  const labelled = paren ? null : LABELLED_CREDIT.exec(line)
  const theo = paren || labelled ? null : THEO_CREDIT.exec(line)
  const inner = (paren?.[1] ?? labelled?.[1] ?? theo?.[1])?.trim()
  if (inner === undefined) return null
  const source = inner.replace(CREDIT_PREFIX, '').trim()
  return plausibleCredit(source) && !SERIES_MARK.test(source) ? source : null
}

// ---------------------------------------------------------------------------------------------
// Datelines: "Lima (VNA) – …", "Hà Nội (TTXVN) - …", "(TTXVN) - …", "Lima, 3 oct (EFE).- …".
// The dateline stays in the body (it is part of the lead); the agency in it is a source.

const DATELINE = /^(?:\p{Lu}[\p{L}.' -]{0,40}?,?\s*(?:\d{1,2}\s+\p{L}{3,10}\.?\s*)?)?\((\p{Lu}[\p{L}+/&. -]{0,30})\)\s*(?:\.?\s*[-–—]+|:)\s*/u

export function datelineSource(line: string): string | null {
  const match = DATELINE.exec(line)
  const agency = match?.[1]?.trim()
  return agency !== undefined && agency.split(/\s+/u).length <= 4 ? agency : null
}

// Vietnamese leads open with a time: "Ngày 3/10, …", "Chiều 3/10, …", "Sáng nay (3/10), …".
const VIETNAMESE_TIME_LEAD =
  /^(?:(?:ngày|sáng|trưa|chiều|tối|đêm|hôm)(?:\s+(?:nay|qua|mai))?\s*)?\(?\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\)?\s*,\s*/iu

/** The lead without its dateline or opening time, for building a fallback title. */
export function stripDateline(line: string): string {
  const dateline = DATELINE.exec(line)
  const rest = dateline ? line.slice(dateline[0].length) : line
  return rest.replace(VIETNAMESE_TIME_LEAD, '')
}

// ---------------------------------------------------------------------------------------------
// Related-story links and boilerplate.

const BRACKET_LINE = /^\[[^[\]]{2,300}\]$/u

/** "[Peru coi Việt Nam là …]": a link to another story, set in the text as a paragraph. */
export function isBracketLink(line: string): boolean {
  return BRACKET_LINE.test(line)
}

const TRAILING_LABELS = [
  'tin cùng chuyên mục',
  'các tin khác',
  'tin khác',
  'tin mới nhất',
  'tin mới',
  'tin nổi bật',
  'tin đọc nhiều',
  'đọc nhiều nhất',
  'có thể bạn quan tâm',
  'bài viết cùng chuyên mục',
  'related news',
  'related stories',
  'related articles',
  'more news',
  'more stories',
  'latest news',
  'most read',
  'you may also like',
  'noticias relacionadas',
  'más noticias',
  'te puede interesar',
  'también te puede interesar',
  'lo más leído',
  'últimas noticias',
]
const TRAILING_LABEL = new RegExp(`^(?:${TRAILING_LABELS.join('|')})\\s*:?$`, 'iu')
const TAGS_LINE = /^(?:từ khóa|từ khoá|tags?|etiquetas|chủ đề)\s*:/iu
const COPYRIGHT_LINE = /^(?:©|\(c\)\s|copyright\b|bản quyền\b)/iu

/** The start of the page furniture after a story: everything from here on is boilerplate. */
export function isTrailingBoilerplateStart(line: string): boolean {
  return TRAILING_LABEL.test(line) || TAGS_LINE.test(line) || COPYRIGHT_LINE.test(line)
}

const RELATED_LABELS = [
  'tin liên quan',
  'bài liên quan',
  'xem thêm',
  'đọc thêm',
  'read more',
  'read also',
  'see also',
  'related',
  'lee también',
  'lea también',
  'ver también',
  'leer más',
]
const RELATED_LABEL = new RegExp(`^(?:${RELATED_LABELS.join('|')})\\s*(?::\\s*(.*))?$`, 'iu')

/**
 * "Tin liên quan" / "Xem thêm: <title>" / "Read more": a pointer to other stories inside the body.
 * Returns whether the label stands alone (its links follow on the next lines).
 */
export function relatedLabel(line: string): { readonly alone: boolean } | null {
  const match = RELATED_LABEL.exec(line)
  if (!match) return null
  return { alone: (match[1] ?? '').trim() === '' }
}

/** A line that could be the title of a linked story: short, no sentence punctuation at the end. */
export function looksLikeLinkTitle(line: string): boolean {
  return line.length <= MAX_TITLE_LENGTH && !SENTENCE_END.test(line)
}

// ---------------------------------------------------------------------------------------------
// The end mark "/." closes a story; a credit may follow on the same line.

const END_MARK = /\/\.(?=\s|$)/u

export interface EndMarkSplit {
  /** The story's last words, with a full stop when the mark stood for one ('' for a lone mark). */
  readonly last: string
  /** What followed the mark on the same line ('' when nothing). */
  readonly after: string
}

export function splitEndMark(line: string): EndMarkSplit | null {
  const match = END_MARK.exec(line)
  if (!match) return null
  const before = line.slice(0, match.index).trim()
  // "http://", or an address ending in "/" before a full stop, is not the mark.
  if (/[:/]$/u.test(before) || /(?:https?:\/\/|www\.)\S*$/iu.test(before)) return null
  const after = line.slice(match.index + match[0].length).trim()
  const last = before === '' || SENTENCE_END.test(before) ? before : `${before}.`
  return { last, after }
}

// ---------------------------------------------------------------------------------------------
// Titles.

/** A first line that reads as a headline: short enough, not a sentence, not a dateline. */
export function looksLikeTitle(line: string): boolean {
  if (line.length > MAX_TITLE_LENGTH || line.split(/\s+/u).length < 2) return false
  if (datelineSource(line) !== null) return false
  if (/[?!]["'”’)»]*$/u.test(line)) return line.length <= 120
  return !SENTENCE_END.test(line)
}

/**
 * A line that must stay a line of its own even where a format joins lines into paragraphs
 * (Markdown soft breaks, PDF line wrapping): captions, credit lines, bracketed links, date headers.
 */
export function isStandaloneAgencyLine(line: string): boolean {
  return (
    parseDateHeader(line) !== null ||
    isPhotoCaption(line) ||
    isBracketLink(line) ||
    creditLineSource(line) !== null ||
    splitAltPrefix(line, null) !== null
  )
}
