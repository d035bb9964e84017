/**
 * A file name made from a title (an article's, a brief's) that every file system accepts and that
 * cannot point anywhere else: no separators or characters Windows forbids, no control or
 * invisible formatting characters (a right-to-left override can disguise "brief‮fdp.exe"), no
 * leading dots (hidden files, ".."), no trailing dots or spaces (Windows drops them), no device
 * names (CON, NUL, COM1...), and at most `maxBytes` bytes of UTF-8 with the extension, cut between
 * characters so that Vietnamese letters and their accents stay whole.
 */
export interface SafeFileNameOptions {
  /** With its dot, e.g. ".md"; kept whole and counted in maxBytes. */
  readonly extension?: string
  /** Most file systems allow 255 bytes; the default leaves room for " (2)" and temp suffixes. */
  readonly maxBytes?: number
  /** Used when nothing usable is left of the title. */
  readonly fallback?: string
}

const FORBIDDEN = /[/\\:*?"<>|]/gu
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\.|$)/iu
const DEFAULT_MAX_BYTES = 200

/** Bytes of UTF-8 (src/common has no TextEncoder); a lone surrogate counts as U+FFFD, 3 bytes. */
function utf8Length(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

export function safeFileName(title: string, options: SafeFileNameOptions = {}): string {
  const extension = options.extension ?? ''
  const maxBytes = (options.maxBytes ?? DEFAULT_MAX_BYTES) - utf8Length(extension)
  const fallback = options.fallback ?? 'untitled'

  let name = title
    .normalize('NFC')
    .replace(INVISIBLE, ' ')
    .replace(FORBIDDEN, '-')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
  name = cutToBytes(name, maxBytes).replace(/[\s.]+$/u, '')
  if (name === '') name = fallback
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`
  return `${cutToBytes(name, maxBytes).replace(/[\s.]+$/u, '')}${extension}`
}

/** The longest prefix of whole characters (grapheme clusters) that fits in `maxBytes` of UTF-8. */
function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text
  let kept = ''
  let bytes = 0
  for (const { segment } of new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(text)) {
    const size = utf8Length(segment)
    if (bytes + size > maxBytes) break
    kept += segment
    bytes += size
  }
  return kept
}
