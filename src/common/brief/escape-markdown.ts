/**
 * Escaping of literal text (article passages, titles, agencies, the user's paraphrases and notes)
 * for Markdown, so that any CommonMark renderer (and the usual extensions: GFM tables,
 * strikethrough and footnotes, pandoc's Markdown) shows exactly the characters that were written.
 *
 * Escape as late as possible and name what is escaped: a variable that holds Markdown ends in `Md`
 * (`titleMd`, `quoteMd`); plain text never does. Only the renderer concatenates `…Md` strings.
 *
 * Rules (CommonMark allows a backslash before any ASCII punctuation, and nothing else):
 * - anywhere in a line: `\` `` ` `` `*` `_` `[` `]` `<` `>` `#` `|` `~` `&` `$` `^` get a
 *   backslash. That covers emphasis, code spans and fences, links and images, raw HTML and
 *   autolinks, entity and numeric references (`&amp;`), ATX headings, block quotes, GFM tables and
 *   strikethrough, pandoc's math, superscript and subscript, and footnote markers (`[^1]`);
 * - at the start of a line only (where they open blocks): `-` `+` `=` (bullets, setext underlines,
 *   thematic breaks), `:` (pandoc definition lists), the `.` or `)` after a list number, a single
 *   letter or a roman numeral when a space or the line's end follows (`1. `, `1)`, `a. `, `iv) `;
 *   "2.5%" is left alone), and the `(` of pandoc's `(1) ` and `(a) ` lists;
 * - web addresses: the `:` of `http://`, `https://`, `ftp://` and the `.` of `www.` get a backslash,
 *   so that no GFM renderer turns them into links. Besides keeping a brief free of live links,
 *   this matters for marked: it cuts its autolinks from the source text, so the escapes further
 *   on in the address (`a\_b`) would show as backslashes;
 * - a final `!` is escaped so that the caller may append a footnote reference (`![^1]` would be an
 *   image);
 * - whitespace: line breaks become `\n` (CR, CRLF, U+2028/2029), tabs become spaces, each line is
 *   trimmed (leading spaces would make an indented code block, trailing double spaces a hard line
 *   break), and runs of blank lines become one blank line. HTML collapses such whitespace anyway.
 *
 * Limits: GFM still links a bare e-mail address (its text unchanged), and escaping cannot stop
 * pandoc's `smart` extension (`--` to an en dash, straight quotes to curly ones): export for pandoc
 * with `-f markdown-smart` where that matters.
 */

// Characters escaped wherever they are.
const INLINE_SPECIAL = /[\\`*_[\]<>#|~&$^]/g
// Where GFM renderers start an autolink.
const URL_SCHEME = /(https?|ftp):(?=\/\/)/gi
const WWW = /(www)\.(?=.)/gi
// Block openers that only mean something at the start of a line (after the inline pass).
const LINE_START_MARKER = /^(?:[-+=:]|\((?:[0-9]{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6}|@[\w-]*)\)(?= |$))/
// A list number, letter or roman numeral followed by "." or ")" and a space: escape the delimiter.
const LIST_ORDINAL = /^([0-9]{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})([.)])(?= |$)/

/** One line of literal text as Markdown (no line breaks in the result). */
function escapeLine(line: string): string {
  let lineMd = line.trim().replace(INLINE_SPECIAL, '\\$&')
  if (lineMd.includes('://')) lineMd = lineMd.replace(URL_SCHEME, '$1\\:')
  if (lineMd.includes('.')) lineMd = lineMd.replace(WWW, '$1\\.')
  lineMd = lineMd.replace(LIST_ORDINAL, (_whole, ordinal: string, delimiter: string) => `${ordinal}\\${delimiter}`)
  if (LINE_START_MARKER.test(lineMd)) lineMd = `\\${lineMd}`
  return lineMd
}

function splitLines(text: string): string[] {
  const plain = /[\r\t\u2028\u2029]/.test(text) ? text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ') : text
  return plain.split('\n')
}

function escapeFinalBang(textMd: string): string {
  return textMd.endsWith('!') ? `${textMd.slice(0, -1)}\\!` : textMd
}

/**
 * Literal text as Markdown, keeping its paragraphs: lines stay lines (a soft break), and a blank
 * line stays a paragraph break. For block contexts; prefix each line yourself in a block quote.
 */
export function escapeMarkdown(text: string): string {
  const linesMd: string[] = []
  for (const line of splitLines(text)) {
    const lineMd = escapeLine(line)
    const previous = linesMd[linesMd.length - 1]
    if (lineMd === '' && (previous === undefined || previous === '')) continue
    linesMd.push(lineMd)
  }
  while (linesMd[linesMd.length - 1] === '') linesMd.pop()
  return escapeFinalBang(linesMd.join('\n'))
}

/**
 * Literal text as Markdown on one line, for headings, table cells, list items and footnote
 * definitions: line breaks become single spaces.
 */
export function escapeMarkdownInline(text: string): string {
  const line = splitLines(text)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ')
  return escapeFinalBang(escapeLine(line))
}
