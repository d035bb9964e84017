import { organisationAt } from './organisation-names'
import { tokensOf } from './tokens'

// Capitalised words that name no one: months and the first word of a sentence are left out.
const NOT_NAMES = new Set(['ngay', 'thang', 'nam', 'sang', 'chieu', 'toi', 'the', 'el', 'la', 'los', 'las', 'en', 'in', 'on', 'from', 'del'])

/**
 * The entities a sentence names, as folded words: its capitalised words but the first (a
 * sentence's first word is capitalised whatever it is), and the first too when it names an
 * organisation ("Bitel, the brand under which Viettel…" names Bitel). Names of people,
 * organisations and places are mostly written alike in Vietnamese, English and Spanish once
 * folded (Viettel, Bitel, Peru/Perú, Hà Kim Ngọc/Ha Kim Ngoc), so two reports of one event in two
 * languages share them.
 */
export function sentenceEntities(text: string): Set<string> {
  const tokens = tokensOf(text)
  const entities = new Set<string>()
  tokens.forEach((token, index) => {
    if (!token.capitalized || NOT_NAMES.has(token.folded) || /^\d/.test(token.text)) return
    if (index === 0 && organisationAt(text, tokens, 0) === 0) return
    entities.add(token.folded)
  })
  return entities
}
