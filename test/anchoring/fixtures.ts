import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../helpers'

/** Fixtures for anchoring tests: texts written for this project and golden re-anchoring cases. */
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'anchoring')

/** A fixture text as body text: the file without its final newline. */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8').replace(/\n$/, '')
}

export type Edit = { readonly find: string; readonly replace: string } | { readonly normalize: 'NFC' | 'NFD' }

/** Applies edits in order; each `find` must occur exactly once, so a case cannot silently edit the wrong spot. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  return edits.reduce((current, edit) => {
    if ('normalize' in edit) return current.normalize(edit.normalize)
    const first = current.indexOf(edit.find)
    if (first === -1 || current.indexOf(edit.find, first + 1) !== -1) {
      throw new Error(`the edit's “${edit.find}” must occur exactly once`)
    }
    return current.slice(0, first) + edit.replace + current.slice(first + edit.find.length)
  }, text)
}

/**
 * Where the `occurrence`-th copy of `quote` is in `text`, found with plain indexOf, independently
 * of the code under test. The quote is written NFC in fixtures and decomposed here when the text is.
 */
export function nth(text: string, quote: string, occurrence: number): { start: number; end: number } {
  const needle = text.normalize('NFC') === text ? quote : quote.normalize('NFD')
  let at = -1
  for (let seen = 0; seen < occurrence; seen++) {
    at = text.indexOf(needle, at + 1)
    if (at === -1) throw new Error(`“${quote}” occurs fewer than ${occurrence} times`)
  }
  return { start: at, end: at + needle.length }
}
