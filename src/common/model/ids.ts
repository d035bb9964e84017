import * as v from 'valibot'

/**
 * Ids of records the user creates (annotations, tags, briefs, sections, items): a kind prefix and
 * 16 random hex digits, e.g. "an_3f9c2a7d41b0e865". The prefix makes a stray id self-explaining
 * in a log or a CLI argument. Article ids are different: content-derived (see article.ts).
 */
export const ID_PREFIXES = { annotation: 'an', tag: 'tg', brief: 'br', section: 'sc', item: 'it' } as const
export type IdKind = keyof typeof ID_PREFIXES

export function idSchema(kind: IdKind) {
  return v.pipe(v.string(), v.regex(new RegExp(`^${ID_PREFIXES[kind]}_[0-9a-f]{16}$`), `a ${kind} id`))
}

/** Formats random bytes (from the caller's crypto) as an id of `kind`. */
export function formatId(kind: IdKind, randomHex: string): string {
  if (!/^[0-9a-f]{16}$/.test(randomHex)) throw new Error(`formatId needs 16 hex digits, got “${randomHex}”`)
  return `${ID_PREFIXES[kind]}_${randomHex}`
}

export const IsoTimestampSchema = v.pipe(v.string(), v.maxLength(40), v.isoTimestamp())
