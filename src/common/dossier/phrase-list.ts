import { gapBefore, isSpace, type Token } from './tokens'

/**
 * A closed list of multi-word phrases, matched word by word (lowercase, NFC) at a token, longest
 * first. Words of a phrase must be separated by spaces only: "Bộ trưởng, Ngoại giao" is not one.
 */
export class PhraseList {
  private readonly byFirstWord = new Map<string, string[][]>()

  constructor(phrases: Iterable<string>) {
    for (const phrase of phrases) {
      const words = phrase.normalize('NFC').toLowerCase().split(' ')
      const first = words[0] ?? ''
      const list = this.byFirstWord.get(first) ?? []
      list.push(words)
      this.byFirstWord.set(first, list)
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.length - a.length)
  }

  /** How many tokens from `i` the longest phrase covers, 0 if none starts there. */
  match(text: string, tokens: readonly Token[], i: number): number {
    const candidates = this.byFirstWord.get(tokens[i]?.lower ?? '')
    if (candidates === undefined) return 0
    for (const words of candidates) {
      let k = 1
      while (k < words.length && tokens[i + k]?.lower === words[k] && isSpace(gapBefore(text, tokens, i + k))) k++
      if (k === words.length) return k
    }
    return 0
  }

  has(phrase: string): boolean {
    const words = phrase.normalize('NFC').toLowerCase().split(' ')
    return (this.byFirstWord.get(words[0] ?? '') ?? []).some((candidate) => candidate.join(' ') === words.join(' '))
  }
}
