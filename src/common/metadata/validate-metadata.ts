import { LANGUAGE_CODES, type LanguageCode, type PartialDate } from '../model/article'
import type { ErrorCode } from '../errors'

/**
 * The article details a user may edit, and their checks. Shared by the reader's form (to show a
 * message beside the field) and the service (which refuses what the form would refuse), so the
 * two never disagree.
 */
export interface MetadataInput {
  readonly title: string
  readonly source: string
  readonly url: string
  readonly published: string
  readonly language: string
}

export interface CleanMetadata {
  readonly title: string
  readonly source: string | null
  readonly url: string | null
  readonly published: PartialDate | null
  readonly language: LanguageCode
}

export type MetadataField = keyof MetadataInput

export interface MetadataProblem {
  readonly field: MetadataField
  readonly code: ErrorCode
}

export const MAX_TITLE_LENGTH = 500
export const MAX_SOURCE_LENGTH = 200
export const MAX_URL_LENGTH = 2000

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** YYYY, YYYY-MM or YYYY-MM-DD naming a real day (no 2024-02-30). */
export function isPartialDate(value: string): value is PartialDate {
  const match = PARTIAL_DATE.exec(value)
  if (match === null) return false
  const [, year, month, day] = match
  if (month === undefined) return true
  const m = Number(month)
  if (m < 1 || m > 12) return false
  if (day === undefined) return true
  const d = Number(day)
  // Day 0 of the next month is the last day of this one.
  return d >= 1 && d <= new Date(Date.UTC(Number(year), m, 0)).getUTCDate()
}

// Scheme, then a host of letters, digits, dots and hyphens (IDN allowed), an optional port, then
// anything without spaces. A regular expression because src/common has no URL class (no DOM, no Node).
const WEB_URL = /^https?:\/\/[\p{L}\p{N}](?:[\p{L}\p{N}.-]*[\p{L}\p{N}])?(?::\d{1,5})?(?:[/?#]\S*)?$/iu

/** An absolute http or https address (the only kinds the app will ever offer to open). */
export function isWebUrl(value: string): boolean {
  return WEB_URL.test(value)
}

function isLanguage(value: string): value is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(value)
}

/** Trims every field; empty optional fields become null. Problems come in field order. */
export function validateMetadata(input: MetadataInput): { ok: true; value: CleanMetadata } | { ok: false; problems: MetadataProblem[] } {
  const title = input.title.trim()
  const source = input.source.trim()
  const url = input.url.trim()
  const published = input.published.trim()
  const problems: MetadataProblem[] = []
  if (title === '') problems.push({ field: 'title', code: 'metadata.emptyTitle' })
  else if (title.length > MAX_TITLE_LENGTH) problems.push({ field: 'title', code: 'metadata.tooLong' })
  if (source.length > MAX_SOURCE_LENGTH) problems.push({ field: 'source', code: 'metadata.tooLong' })
  if (url !== '' && (url.length > MAX_URL_LENGTH || !isWebUrl(url))) problems.push({ field: 'url', code: 'metadata.badUrl' })
  if (published !== '' && !isPartialDate(published)) problems.push({ field: 'published', code: 'metadata.badDate' })
  if (!isLanguage(input.language)) problems.push({ field: 'language', code: 'metadata.badLanguage' })
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    value: {
      title: title.normalize('NFC'),
      source: source === '' ? null : source.normalize('NFC'),
      url: url === '' ? null : url,
      published: published === '' ? null : (published as PartialDate),
      language: input.language as LanguageCode,
    },
  }
}
