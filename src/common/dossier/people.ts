import { isNameVariant, isVietnameseName, nameWords, shortForms } from './name-variants'
import { findTitledNames, type TitledName } from './titled-names'
import { tokensOf } from './tokens'
import type { ArticlePerson, DossierSource, PersonMention } from './types'

/**
 * The people of one article, from its cleaned body only (captions and removed text are not read).
 *
 * 1. Titled names (titled-names.ts) are the evidence that someone is a person: only a name that
 *    stands with a title at least once makes an entry.
 * 2. Names are merged by the conventions of their language (name-variants.ts), longest first, so
 *    that "Đại sứ Kim Hoa" joins Phạm Thị Kim Hoa and "Thứ trưởng John Peter" joins John Peter Camino
 *    Cannock. A short name that fits two people joins neither; a single word that fits no one is
 *    dropped (a surname alone is not enough to make an entry).
 * 3. Every later occurrence of the full name or a short form that fits only one person ("Boluarte
 *    praised", "Ông Lê Mạnh Hùng") is a mention too, without a role. A Vietnamese given name alone
 *    ("Việt") counts only after a title: on its own it is too often another word.
 * Roles are listed longest first: the first is the primary role ("Thứ trưởng Ngoại giao" over
 * "Thứ trưởng").
 */
interface Draft {
  name: string
  mentions: PersonMention[]
}

function toMention(articleId: string, block: number, found: TitledName): PersonMention {
  return {
    articleId,
    block,
    start: found.start,
    end: found.end,
    text: found.name,
    role: found.role,
    country: found.country,
    organisation: found.organisation,
  }
}

function wordCount(name: string): number {
  return nameWords(name).length
}

function mergeTitled(mentions: readonly PersonMention[]): Draft[] {
  const drafts: Draft[] = []
  const longestFirst = [...mentions].sort((a, b) => wordCount(b.text) - wordCount(a.text))
  for (const mention of longestFirst) {
    const owners = drafts.filter((draft) => isNameVariant(mention.text, draft.name))
    if (owners.length === 1) owners[0]?.mentions.push(mention)
    else if (owners.length === 0 && wordCount(mention.text) >= 2) drafts.push({ name: mention.text, mentions: [mention] })
  }
  return drafts
}

function overlapsAny(mentions: readonly PersonMention[], block: number, start: number, end: number): boolean {
  return mentions.some((m) => m.block === block && m.start < end && start < m.end)
}

const NAME_CHAR = /[\p{L}\p{M}\p{N}]/u

/** Bare occurrences of each person's name or short forms (step 3). */
function addBareMentions(source: DossierSource, drafts: readonly Draft[]): void {
  const all = (): PersonMention[] => drafts.flatMap((draft) => draft.mentions)
  for (const draft of drafts) {
    const vietnamese = isVietnameseName(nameWords(draft.name))
    const forms = [draft.name, ...shortForms(draft.name)]
      .filter((form) => !(vietnamese && wordCount(form) === 1))
      .filter((form) => drafts.every((other) => other === draft || !isNameVariant(form, other.name)))
      .sort((a, b) => b.length - a.length)
    source.blocks.forEach((block, index) => {
      for (const form of forms) {
        for (let at = block.text.indexOf(form); at !== -1; at = block.text.indexOf(form, at + 1)) {
          const end = at + form.length
          if (NAME_CHAR.test(block.text.charAt(at - 1)) || NAME_CHAR.test(block.text.charAt(end))) continue
          if (overlapsAny(all(), index, at, end)) continue
          draft.mentions.push({ articleId: source.id, block: index, start: at, end, text: form, role: null, country: null, organisation: null })
        }
      }
    })
  }
}

function firstOf(values: readonly (string | null)[]): string | null {
  return values.find((value) => value !== null) ?? null
}

export function findPeople(source: DossierSource): ArticlePerson[] {
  const titled: PersonMention[] = []
  source.blocks.forEach((block, index) => {
    const text = block.text.normalize('NFC')
    for (const found of findTitledNames(text, tokensOf(text), source.language)) titled.push(toMention(source.id, index, found))
  })
  const drafts = mergeTitled(titled)
  addBareMentions(source, drafts)
  return drafts
    .map((draft): ArticlePerson => {
      const mentions = [...draft.mentions].sort((a, b) => a.block - b.block || a.start - b.start)
      const roles = [...new Set(mentions.flatMap((m) => (m.role === null ? [] : [m.role])))].sort((a, b) => b.length - a.length)
      return {
        name: draft.name,
        roles,
        country: firstOf(mentions.map((m) => m.country)),
        organisation: firstOf(mentions.map((m) => m.organisation)),
        mentions,
      }
    })
    .sort((a, b) => (a.mentions[0]?.block ?? 0) - (b.mentions[0]?.block ?? 0) || (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0))
}
