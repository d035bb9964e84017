import { AppError } from '../../common/errors'
import { decodeText, type DecodedText, type DecodeOptions } from './decode'

/** Decodes a text file's bytes, or throws the error that tells the user why not. */
export function decodeOrThrow(bytes: Uint8Array, file: string, options: DecodeOptions = {}): DecodedText {
  const result = decodeText(bytes, options)
  if (result.ok) return result
  switch (result.failure.reason) {
    case 'binary':
      throw new AppError('import.binary', { file })
    case 'invalid-utf-8':
      throw new AppError('import.invalidUtf8', { file, offset: result.failure.offset })
    case 'unknown-encoding':
      throw new AppError('import.unknownEncoding', { file })
  }
}

/** The message of whatever a library threw, on one line, for the {reason} of an error. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/\s+/gu, ' ').trim().slice(0, 200) || 'unknown error'
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Character references in text that did not go through an HTML parser (Markdown tokens). */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/giu, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}
