import { NAME_PARTICLES, VIETNAMESE_FAMILY_NAMES } from './people-vocabulary'
import { fold } from './tokens'

/**
 * When a shorter name refers to the same person as a longer one, by the conventions of the name's
 * language:
 * - Vietnamese (family name first, 2 to 4 syllables): a person is referred to by the last syllables,
 *   so "Kim Hoa" and "Hoa" are Phạm Thị Kim Hoa, and "Hà Kim" is not;
 * - Spanish and other Western names (given names first): by the given names ("John Peter"), by the
 *   surnames ("Camino Cannock", "Cannock"), by the first surname alone or after the first given name
 *   ("Salhuana", "Eduardo Salhuana" for Eduardo Salhuana Cavides); never by the first given name
 *   alone.
 * Names are compared folded (case and diacritics ignored), so "Ha Kim Ngoc" is "Hà Kim Ngọc".
 */
export function nameWords(name: string): string[] {
  return name.split(/[ \u00A0]+/).filter((word) => word !== '')
}

export function isVietnameseName(words: readonly string[]): boolean {
  const first = words[0] ?? ''
  return words.length >= 2 && words.length <= 4 && /^\p{Lu}/u.test(first) && VIETNAMESE_FAMILY_NAMES.has(fold(first))
}

/** The shorter forms a full name may be referred to by (the full name not included), as written. */
export function shortForms(name: string): string[] {
  const words = nameWords(name)
  const n = words.length
  const forms: string[][] = []
  if (isVietnameseName(words)) {
    for (let k = 1; k < n; k++) forms.push(words.slice(k))
  } else {
    for (let k = 2; k < n; k++) forms.push(words.slice(0, k))
    for (let k = 1; k < n; k++) forms.push(words.slice(k))
    if (n >= 3) {
      forms.push([words[n - 2] ?? ''])
      forms.push([words[0] ?? '', words[n - 2] ?? ''])
    }
  }
  // A form must start like a name: "los Santos" is not one, "van Klaveren" is.
  const usable = forms.filter((form) => {
    const first = form[0] ?? ''
    return /^\p{Lu}/u.test(first) || (NAME_PARTICLES.has(first) && form.length >= 2 && !NAME_PARTICLES.has(form[1] ?? ''))
  })
  return [...new Set(usable.map((form) => form.join(' ')))]
}

/** Whether `short` names the person whose full name is `full` (equal names included). */
export function isNameVariant(short: string, full: string): boolean {
  const shortKey = nameWords(short).map(fold).join(' ')
  if (shortKey === nameWords(full).map(fold).join(' ')) return true
  return shortForms(full).some((form) => nameWords(form).map(fold).join(' ') === shortKey)
}

/** A name's key as names are compared here: its words folded, single spaces. */
export function foldedName(name: string): string {
  return nameWords(name).map(fold).join(' ')
}

/**
 * Every key a name `short` may have for `isNameVariant(short, full)` to hold: the full name's own
 * key and those of its short forms. `isNameVariant(short, full)` is
 * `variantKeys(full).has(foldedName(short))`; an index by these keys finds a name's owners at once.
 */
export function variantKeys(full: string): Set<string> {
  return new Set([foldedName(full), ...shortForms(full).map(foldedName)])
}

/**
 * `isNameVariant` for many comparisons: each name's folded key and the keys of its short forms are
 * computed once per matcher rather than once per comparison (a library merge compares each name
 * with every entry sharing a word). Gives the same answers as isNameVariant.
 */
export function variantMatcher(): (short: string, full: string) => boolean {
  const keys = new Map<string, { key: string; forms: Set<string> | null }>()
  const keyOf = (name: string) => {
    let entry = keys.get(name)
    if (entry === undefined) {
      entry = { key: nameWords(name).map(fold).join(' '), forms: null }
      keys.set(name, entry)
    }
    return entry
  }
  return (short, full) => {
    const shortKey = keyOf(short).key
    const target = keyOf(full)
    if (shortKey === target.key) return true
    target.forms ??= new Set(shortForms(full).map((form) => nameWords(form).map(fold).join(' ')))
    return target.forms.has(shortKey)
  }
}
