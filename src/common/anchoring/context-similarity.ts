import { CONTEXT_LENGTH, MIN_CONTEXT_SIMILARITY } from './thresholds'

/**
 * A stored prefix or suffix, prepared once and then compared with the text next to every
 * candidate passage: from 0 to 1, one minus the edits needed over the context's length.
 *
 * The alignment is anchored where it matters: a prefix must end right where the candidate starts
 * (a suffix must start right where it ends), while its far end may fall anywhere, because how far
 * back the context reaches says nothing about the passage. A word inserted next to the passage
 * costs its length once, not once for the insertion and again for the text it pushed away.
 *
 * An empty stored context means the passage touched the edge of the text. That is evidence too:
 * full agreement when the candidate touches the same edge, none otherwise. A context longer than
 * CONTEXT_LENGTH (another tool's export may store more) is compared by its CONTEXT_LENGTH
 * characters nearest the passage, the same evidence ours carries.
 *
 * Speed matters here: a short quote such as "Việt Nam" can occur a thousand times in an article
 * and each occurrence is weighed. With at most 32 characters the context fits one machine word,
 * so the comparison is Myers's bit-vector edit distance (the algorithm approx-string-match
 * implements for long texts), run over the few dozen characters next to the candidate: well under
 * a microsecond, against several microseconds for a plain table or a library call.
 */
export class ContextSide {
  readonly #side: 'prefix' | 'suffix'
  readonly #length: number
  // For each character code, the positions (bits, in comparison order) where the context has it.
  readonly #masks = new Map<number, number>()

  static prefix(prefix: string): ContextSide {
    return new ContextSide('prefix', prefix.slice(-CONTEXT_LENGTH))
  }

  static suffix(suffix: string): ContextSide {
    return new ContextSide('suffix', suffix.slice(0, CONTEXT_LENGTH))
  }

  private constructor(side: 'prefix' | 'suffix', context: string) {
    this.#side = side
    this.#length = context.length
    // Compared from the passage outwards for a suffix, so that both sides end at the passage.
    for (let i = 0; i < context.length; i++) {
      const code = side === 'prefix' ? context.charCodeAt(i) : context.charCodeAt(context.length - 1 - i)
      this.#masks.set(code, (this.#masks.get(code) ?? 0) | (1 << i))
    }
  }

  /** How well the context matches the text before (prefix) or from (suffix) offset `at`. */
  similarity(text: string, at: number): number {
    const m = this.#length
    if (m === 0) return at === (this.#side === 'prefix' ? 0 : text.length) ? 1 : 0
    // Enough text to align the context with as many insertions as could still let it agree.
    const reach = m + Math.ceil(m * (1 - MIN_CONTEXT_SIMILARITY))
    const from = this.#side === 'prefix' ? Math.max(0, at - reach) : Math.min(text.length, at + reach) - 1
    const steps = this.#side === 'prefix' ? at - from : from - at + 1
    const direction = this.#side === 'prefix' ? 1 : -1
    const last = 1 << (m - 1)
    // Myers (1999): vertical deltas of the edit-distance table as bit vectors, one text
    // character per step, tracking the bottom row's value `edits`. No carry into the top row:
    // the context may begin anywhere in the window.
    let pv = -1
    let mv = 0
    let edits = m
    for (let step = 0, j = from; step < steps; step++, j += direction) {
      const eq = this.#masks.get(text.charCodeAt(j)) ?? 0
      const xv = eq | mv
      const xh = (((eq & pv) + pv) ^ pv) | eq
      let ph = mv | ~(xh | pv)
      let mh = pv & xh
      if (ph & last) edits++
      else if (mh & last) edits--
      ph <<= 1
      mh <<= 1
      pv = mh | ~(xv | ph)
      mv = ph & xv
    }
    return Math.max(0, 1 - edits / m)
  }
}
