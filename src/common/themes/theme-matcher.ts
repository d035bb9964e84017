import type { Tag } from '../model/tag'
import { foldedKey } from '../search/fold'
import { scanTokens } from '../search/tokenize'
import { namesOf } from './tag-names'

/**
 * Finds a taxonomy's names, aliases and keywords in a text, the way search does: folded (no case,
 * no diacritics, đ = d, either tone placement) and on whole tokens, a multi-syllable keyword only
 * as adjacent syllables in one sentence. So "thương mại" matches "Thuong mai" but not
 * "thương mạimax", and "hoà" matches "hòa".
 */
export interface ThemeMatch {
  readonly tagId: string
  /** The name, alias or keyword found, as written in the taxonomy. */
  readonly phrase: string
  /** UTF-16 offsets of the match in the text. */
  readonly start: number
  readonly end: number
  /** Names and aliases weigh more than keywords. */
  readonly weight: number
}

interface Phrase {
  readonly tagId: string
  readonly text: string
  readonly keys: readonly string[]
  readonly weight: number
}

interface TextToken {
  readonly key: string
  readonly start: number
  readonly end: number
  readonly position: number
}

const NAME_WEIGHT = 2
const KEYWORD_WEIGHT = 1

function foldedTokens(text: string): TextToken[] {
  const tokens: TextToken[] = []
  scanTokens(text, (start, end, position) => {
    tokens.push({ key: foldedKey(text.slice(start, end)), start, end, position })
  })
  return tokens
}

/** The phrases of a taxonomy, by their first folded token: built once, used for many texts. */
export class ThemeMatcher {
  readonly #byFirst = new Map<string, Phrase[]>()

  constructor(tags: readonly Tag[]) {
    for (const tag of tags) {
      const seen = new Set<string>()
      const add = (text: string, weight: number) => {
        const keys = foldedTokens(text).map((token) => token.key)
        const id = keys.join(' ')
        if (keys.length === 0 || seen.has(id)) return
        seen.add(id)
        const list = this.#byFirst.get(keys[0]!) ?? []
        list.push({ tagId: tag.id, text, keys, weight })
        this.#byFirst.set(keys[0]!, list)
      }
      for (const name of namesOf(tag)) add(name, NAME_WEIGHT)
      for (const keyword of tag.keywords) add(keyword, KEYWORD_WEIGHT)
    }
  }

  /** Every match in `text`, in text order; a phrase inside a longer match of the same tag does not count. */
  matches(text: string): ThemeMatch[] {
    const tokens = foldedTokens(text)
    const found: ThemeMatch[] = []
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.#byFirst.get(tokens[i]!.key)
      if (candidates === undefined) continue
      const best = new Map<string, { phrase: Phrase; length: number }>()
      for (const phrase of candidates) {
        if (!matchesAt(tokens, i, phrase.keys)) continue
        const current = best.get(phrase.tagId)
        if (current === undefined || phrase.keys.length > current.length || (phrase.keys.length === current.length && phrase.weight > current.phrase.weight)) {
          best.set(phrase.tagId, { phrase, length: phrase.keys.length })
        }
      }
      for (const { phrase, length } of best.values()) {
        found.push({ tagId: phrase.tagId, phrase: phrase.text, start: tokens[i]!.start, end: tokens[i + length - 1]!.end, weight: phrase.weight * length })
      }
    }
    // "xuyên Thái Bình Dương" inside "Hiệp định Đối tác ... xuyên Thái Bình Dương" is the same mention.
    return found.filter((match) => !found.some((other) => other !== match && other.tagId === match.tagId && other.start <= match.start && other.end >= match.end && other.end - other.start > match.end - match.start))
  }
}

function matchesAt(tokens: readonly TextToken[], at: number, keys: readonly string[]): boolean {
  for (let k = 0; k < keys.length; k++) {
    const token = tokens[at + k]
    if (token === undefined || token.key !== keys[k]) return false
    // Adjacent positions only: a sentence end or a paragraph break between two syllables breaks a phrase.
    if (k > 0 && token.position !== tokens[at + k - 1]!.position + 1) return false
  }
  return true
}
