import { bracketedAcronymAt, organisationAt } from './organisation-names'
import { DEPARTMENTS } from './people-vocabulary'
import { gapBefore, isSpace, tokensOf, type Token } from './tokens'
import type { ArticleOrganisation, DossierSource, Mention } from './types'

/**
 * The organisations of one article's cleaned body: known names (Bitel, Viettel, PetroVietnam),
 * acronyms (APEC, CPTPP, PVN, ASEAN), companies and groups opened by a head word ("Tập đoàn
 * Viettel"), and ministries ("Bộ Ngoại giao", "Ministry of Foreign Affairs", "Ministerio de
 * Relaciones Exteriores"). A name followed by an acronym in brackets is one organisation under
 * both ("Tập đoàn Dầu khí Việt Nam (PVN)", "Diễn đàn ... (APEC)" is only APEC: the long form is
 * kept when the finder knows where it starts).
 */
const MINISTRY_HEADS = /^(?:bộ|ministry|ministerio)$/

function ministryAt(text: string, tokens: readonly Token[], i: number): number {
  const token = tokens[i]
  if (token === undefined || !token.capitalized || !MINISTRY_HEADS.test(token.lower)) return 0
  let k = i + 1
  let end = i + 1
  while (k < tokens.length && isSpace(gapBefore(text, tokens, k))) {
    const lower = tokens[k]?.lower ?? ''
    const department = tokens[k]?.capitalized ? DEPARTMENTS.match(text, tokens, k) : 0
    if (department > 0) end = k += department
    else if (['of', 'de', 'del', 'and', 'y', 'và', 'the'].includes(lower) && tokens[k + 1]?.capitalized) k++
    else break
  }
  return end > i + 1 ? end - i : 0
}

export function findOrganisations(source: DossierSource): ArticleOrganisation[] {
  const byKey = new Map<string, { name: string; aliases: Set<string>; mentions: Mention[] }>()
  const add = (name: string, mention: Mention, alias?: string): void => {
    const key = name.toUpperCase()
    const entry = byKey.get(key) ?? { name, aliases: new Set<string>(), mentions: [] }
    if (alias !== undefined && alias !== name) entry.aliases.add(alias)
    entry.mentions.push(mention)
    byKey.set(key, entry)
  }
  source.blocks.forEach((block, index) => {
    const text = block.text.normalize('NFC')
    const tokens = tokensOf(text)
    let i = 0
    while (i < tokens.length) {
      const length = ministryAt(text, tokens, i) || organisationAt(text, tokens, i)
      if (length === 0) {
        i++
        continue
      }
      const start = tokens[i]?.start ?? 0
      const end = tokens[i + length - 1]?.end ?? start
      const name = text.slice(start, end)
      const acronym = bracketedAcronymAt(text, tokens, i + length) ? tokens[i + length] : undefined
      if (acronym !== undefined && length > 1) {
        // "Tập đoàn Dầu khí Việt Nam (PVN)": filed under the acronym, the long form as an alias.
        add(acronym.text, { articleId: source.id, block: index, start, end: acronym.end + 1, text: text.slice(start, acronym.end + 1) }, name)
        i += length + 1
        continue
      }
      add(name, { articleId: source.id, block: index, start, end, text: name })
      i += length
    }
  })
  return [...byKey.values()].map((entry) => ({ name: entry.name, aliases: [...entry.aliases], mentions: entry.mentions }))
}
