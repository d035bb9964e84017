import { canonicalJson } from './canonical-json'

/**
 * The team library's merge policy (docs/team.md#conflicts), pure: given the version both sides
 * last agreed on (`base`, null when unknown) and the two edited versions, one merged version and
 * the names of the fields where both sides changed the same thing (`flags`: told in the sync log,
 * never silent). Both versions' content survives wherever it can: sets are merged, texts edited
 * on both sides are both kept one after the other, lists of records are merged by id; only a
 * scalar field changed on both sides takes the newer side's value, and is flagged.
 */
export interface Merged<T> {
  readonly merged: T
  readonly flags: readonly string[]
}

/** Which side was changed last (its `updatedAt` or the doc's `changedAt`): it wins a scalar field changed on both sides. */
export type Newer = 'local' | 'remote'

/** The line put between two versions of a text that were both kept. */
export const BOTH_KEPT_SEPARATOR = '\n\n-----\n\n'

const same = (a: unknown, b: unknown): boolean => a === b || canonicalJson(a) === canonicalJson(b)

/** One field three ways: the side that changed it wins; changed on both sides, the newer, flagged. */
export function mergeValue<V>(base: V | undefined, local: V, remote: V, newer: Newer): { value: V; conflict: boolean } {
  if (same(local, remote)) return { value: local, conflict: false }
  if (base !== undefined && same(local, base)) return { value: remote, conflict: false }
  if (base !== undefined && same(remote, base)) return { value: local, conflict: false }
  return { value: newer === 'local' ? local : remote, conflict: true }
}

/** A set (tags, keywords): what either side added is in, what either side removed from the base is out. */
export function mergeSet<V>(base: readonly V[] | undefined, local: readonly V[], remote: readonly V[]): V[] {
  const key = (value: V) => canonicalJson(value)
  const baseKeys = new Set((base ?? []).map(key))
  const localKeys = new Set(local.map(key))
  const remoteKeys = new Set(remote.map(key))
  const removed = (k: string) => baseKeys.has(k) && (!localKeys.has(k) || !remoteKeys.has(k))
  const out: V[] = []
  const seen = new Set<string>()
  for (const value of [...local, ...remote]) {
    const k = key(value)
    if (seen.has(k) || removed(k)) continue
    seen.add(k)
    out.push(value)
  }
  return out
}

/** A text: one side's edit wins when the other did not change it; edited on both sides, both are kept (local first). */
export function mergeText(base: string | undefined, local: string, remote: string): { value: string; conflict: boolean } {
  if (local === remote) return { value: local, conflict: false }
  if (base !== undefined && local === base) return { value: remote, conflict: false }
  if (base !== undefined && remote === base) return { value: local, conflict: false }
  if (local === '') return { value: remote, conflict: false }
  if (remote === '') return { value: local, conflict: false }
  return { value: `${local}${BOTH_KEPT_SEPARATOR}${remote}`, conflict: true }
}

/** A list of records merged entry by entry, matched by `key` (default `id`). */
export type FieldRule = 'value' | 'set' | 'text' | { readonly list: Readonly<Record<string, FieldRule>>; readonly key?: string }

/**
 * A record field by field, each by its rule (default 'value'). A `list` rule merges a list of
 * records by their `id` with the given rules: an entry removed on one side and unchanged on the
 * other goes; an entry added on either side comes in; one changed on both sides is merged again.
 */
export function mergeRecord<T extends object>(base: T | undefined, local: T, remote: T, newer: Newer, rules: Readonly<Record<string, FieldRule>>, path = ''): Merged<T> {
  const flags: string[] = []
  const out: Record<string, unknown> = {}
  const keys = new Set([...Object.keys(local), ...Object.keys(remote)])
  for (const field of keys) {
    const b = base === undefined ? undefined : (base as Record<string, unknown>)[field]
    const l = (local as Record<string, unknown>)[field]
    const r = (remote as Record<string, unknown>)[field]
    const rule = rules[field] ?? 'value'
    const name = `${path}${field}`
    if (l === undefined || r === undefined) {
      // A field one side does not have (an optional field): the side that has it, or the newer one.
      const { value, conflict } = mergeValue(b, l, r, newer)
      if (value !== undefined) out[field] = value
      if (conflict) flags.push(name)
    } else if (rule === 'set' && Array.isArray(l) && Array.isArray(r)) {
      out[field] = mergeSet(Array.isArray(b) ? b : undefined, l, r)
    } else if (rule === 'text' && typeof l === 'string' && typeof r === 'string') {
      const { value, conflict } = mergeText(typeof b === 'string' ? b : undefined, l, r)
      out[field] = value
      if (conflict) flags.push(name)
    } else if (typeof rule === 'object' && Array.isArray(l) && Array.isArray(r)) {
      const list = mergeList(Array.isArray(b) ? (b as Keyed[]) : undefined, l as Keyed[], r as Keyed[], newer, rule.list, `${name}.`, rule.key ?? 'id')
      out[field] = list.merged
      flags.push(...list.flags)
    } else {
      const { value, conflict } = mergeValue(b, l, r, newer)
      out[field] = value
      if (conflict) flags.push(name)
    }
  }
  return { merged: out as T, flags }
}

type Keyed = Record<string, unknown>

function mergeList<E extends Keyed>(base: readonly E[] | undefined, local: readonly E[], remote: readonly E[], newer: Newer, rules: Readonly<Record<string, FieldRule>>, path: string, key: string): Merged<E[]> {
  const idOf = (entry: E) => String(entry[key])
  const byId = (list: readonly E[] | undefined) => new Map((list ?? []).map((entry) => [idOf(entry), entry]))
  const [baseById, localById, remoteById] = [byId(base), byId(local), byId(remote)]
  const flags: string[] = []
  const out: E[] = []
  const ids = [...new Set([...local.map(idOf), ...remote.map(idOf)])]
  for (const id of ids) {
    const [b, l, r] = [baseById.get(id), localById.get(id), remoteById.get(id)]
    if (l !== undefined && r !== undefined) {
      const entry = mergeRecord(b, l, r, newer, rules, `${path}${id}.`)
      out.push(entry.merged)
      flags.push(...entry.flags)
    } else {
      const present = (l ?? r)!
      // Absent on one side: removed there if the base had it. An edit wins over a removal (flagged).
      if (b === undefined) out.push(present)
      else if (!same(b, present)) {
        out.push(present)
        flags.push(`${path}${id}`)
      }
    }
  }
  return { merged: out, flags }
}

/** Highlights: tags as a set, the note three ways (both kept when both edited), the rest field by field. */
export const HIGHLIGHT_RULES: Readonly<Record<string, FieldRule>> = { tagIds: 'set', note: 'text' }
/** Themes, merged by id (each theme is its own record): aliases and keywords as sets. */
export const THEME_RULES: Readonly<Record<string, FieldRule>> = { aliases: 'set', keywords: 'set' }
/** Briefs: texts three ways, sections by id, passages in a section by id. */
export const BRIEF_RULES: Readonly<Record<string, FieldRule>> = {
  occasion: 'text',
  audience: 'text',
  sections: { list: { heading: 'text', body: 'text', items: { list: { paraphrase: 'text', note: 'text' } } } },
}
/**
 * Templates: sections by their `key`, each section's theme references as a set; names, headings
 * and hints (text in two languages) field by field, the newer side's where both changed one
 * (flagged: a template's texts are labels, two versions one after the other would read wrong).
 */
export const TEMPLATE_RULES: Readonly<Record<string, FieldRule>> = {
  sections: { list: { themes: 'set' }, key: 'key' },
}
/** The desk's handling markings: a set (what either side added stays, what either side removed goes). */
export const MARKINGS_RULES: Readonly<Record<string, FieldRule>> = { markings: 'set' }
