/**
 * A class of characters given by a one-character regular expression (say /[\p{L}\p{M}\p{N}]/u),
 * with the answer for each character of the Basic Multilingual Plane remembered after its first
 * test: counting words or letters then costs one array read per character, where a global
 * `text.match(/\p{L}+/gu)` builds a string per match (a few hundred per article, on every import).
 * The counts are exactly those of the regular expression: characters outside the BMP are tested
 * as whole code points, a lone surrogate is one code point, as in a /u expression.
 */
export class CodePointClass {
  readonly #test: RegExp
  /** Per BMP code unit: 0 not tested yet, 1 in the class, 2 not. */
  readonly #known = new Uint8Array(0x10000)

  /** `single` matches one character; it must not be global or sticky (test() would keep state). */
  constructor(single: RegExp) {
    if (single.global || single.sticky) throw new Error('CodePointClass needs a non-global, non-sticky expression')
    this.#test = single
  }

  has(codePoint: number): boolean {
    if (codePoint > 0xffff) return this.#test.test(String.fromCodePoint(codePoint))
    let known = this.#known[codePoint]!
    if (known === 0) {
      known = this.#test.test(String.fromCharCode(codePoint)) ? 1 : 2
      this.#known[codePoint] = known
    }
    return known === 1
  }

  /** How many code points of `text` are in the class (as `text.match(/[…]/gu).length`). */
  count(text: string): number {
    let count = 0
    for (let i = 0; i < text.length; i++) {
      const codePoint = codePointAt(text, i)
      if (codePoint > 0xffff) i++
      if (this.has(codePoint)) count++
    }
    return count
  }

  /** How many runs of code points in the class `text` has (as `text.match(/[…]+/gu).length`). */
  countRuns(text: string): number {
    let count = 0
    let inRun = false
    for (let i = 0; i < text.length; i++) {
      const codePoint = codePointAt(text, i)
      if (codePoint > 0xffff) i++
      const inClass = this.has(codePoint)
      if (inClass && !inRun) count++
      inRun = inClass
    }
    return count
  }
}

/** The code point at UTF-16 index `i`: a surrogate pair as one, a lone surrogate as itself. */
function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i)
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) return unit
  const low = text.charCodeAt(i + 1)
  return low >= 0xdc00 && low <= 0xdfff ? ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000 : unit
}
