import { BOTH_KEPT_SEPARATOR } from './merge-records'

/**
 * The texts a team merge kept twice (merge-records.ts `mergeText`: edited on both sides, both
 * versions one after the other, the field flagged), read and written by the field name the merge
 * flagged: `note` of a highlight; `occasion`, `audience`, `sections.<id>.heading|body` and
 * `sections.<id>.items.<id>.paraphrase|note` of a brief. Pure: the side-by-side view shows the
 * two versions, and the user's choice is written back with `withText`.
 */
export function bothKept(text: string): [string, string] | null {
  const at = text.indexOf(BOTH_KEPT_SEPARATOR)
  if (at < 0) return null
  return [text.slice(0, at), text.slice(at + BOTH_KEPT_SEPARATOR.length)]
}

type Json = Record<string, unknown>

/** The object holding the flagged field and the field's key there, or null when the path names nothing (any more). */
function locate(record: Json, field: string): { holder: Json; key: string } | null {
  const parts = field.split('.')
  let holder: Json = record
  // Pairs of (list name, entry id) lead to the entry; the last part is the text's key.
  for (let at = 0; at + 1 < parts.length; at += 2) {
    const list = holder[parts[at]!]
    if (!Array.isArray(list)) return null
    const entry = list.find((item: unknown) => typeof item === 'object' && item !== null && (item as Json)['id'] === parts[at + 1])
    if (entry === undefined) return null
    holder = entry as Json
  }
  const key = parts.at(-1)!
  if (parts.length % 2 === 0 || typeof holder[key] !== 'string') return null
  return { holder, key }
}

/** The text at a flagged field, or null when it is not a text (a scalar merged by the newer side) or is gone. */
export function textAt(record: object, field: string): string | null {
  const found = locate(record as Json, field)
  return found === null ? null : (found.holder[found.key] as string)
}

/** A copy of the record with the text at `field` replaced (null when the field is gone). */
export function withText<T extends object>(record: T, field: string, text: string): T | null {
  const copy = JSON.parse(JSON.stringify(record)) as Json
  const found = locate(copy, field)
  if (found === null) return null
  found.holder[found.key] = text
  return copy as T
}
