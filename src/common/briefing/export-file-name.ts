/**
 * A file name for an export, safe on every system: Windows forbids / \ : * ? " < > | and control
 * characters, trailing dots and spaces, and the device names CON, PRN, AUX, NUL, COM1-9, LPT1-9
 * (with any extension); macOS and Linux forbid / and NUL. Names are capped well under the usual
 * 255-byte limit, counted in UTF-8 bytes because Vietnamese letters take two or three each.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/g
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i
const MAX_STEM_BYTES = 150

export function exportFileName(title: string, extension: string, fallback = 'brief'): string {
  let stem = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim()
  stem = capUtf8(stem, MAX_STEM_BYTES).replace(/[. ]+$/, '').replace(/^[. ]+/, '')
  if (stem === '') stem = fallback
  if (RESERVED.test(stem)) stem = `_${stem}`
  return `${stem}.${extension}`
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}

function capUtf8(text: string, maxBytes: number): string {
  let out = ''
  let bytes = 0
  for (const char of text) {
    const size = utf8Length(char)
    if (bytes + size > maxBytes) break
    out += char
    bytes += size
  }
  return out
}
