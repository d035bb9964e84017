import type { PartialDate } from '../model/article'
import type { Citation, Section } from '../model/brief'
import { translate, type Locale } from '../i18n/translate'
import { formatBriefDate } from './brief-dates'

/**
 * Citations of a brief: footnote numbers in document order, the source list, and how a citation
 * reads in each language. Plain text in, plain text out: the Markdown renderer escapes it.
 *
 * Numbering: passages are numbered in the order they appear (sections in order, passages in
 * order). Two passages with the same citation (same article, paragraph and snapshot) share one
 * footnote, as a reader expects from "ibid."; any difference gives a new number.
 */

/** One article cited by the brief, with the footnotes that point at it. */
export interface SourceEntry {
  readonly articleId: string
  readonly articleTitle: string
  readonly source: string | null
  readonly published: PartialDate | null
  /** Footnote numbers citing this article, ascending. */
  readonly notes: readonly number[]
}

export interface NumberedCitations {
  /** The footnote number of each passage, by passage (item) id. */
  readonly noteOf: ReadonlyMap<string, number>
  /** The footnotes in order: footnote n is notes[n - 1]. */
  readonly notes: readonly Citation[]
  /** One entry per article, in the order of its first citation. */
  readonly sources: readonly SourceEntry[]
}

function citationKey(citation: Citation): string {
  return JSON.stringify([citation.articleId, citation.paragraph, citation.articleTitle, citation.source, citation.published])
}

/** The noteOf key of a dossier row (rows have no id of their own; their key is unique in their section). */
export function rowNoteKey(sectionId: string, rowKey: string): string {
  return `row:${sectionId}:${rowKey}`
}

export function numberCitations(sections: readonly Section[]): NumberedCitations {
  const noteOf = new Map<string, number>()
  const notes: Citation[] = []
  const numberByKey = new Map<string, number>()
  const sources = new Map<string, { entry: Omit<SourceEntry, 'notes'>; notes: number[] }>()
  const cited = (section: Section) => [
    ...section.items.map((item) => ({ id: item.id, citation: item.citation })),
    // Dossier rows are cited like passages, after the section's passages.
    ...(section.rows ?? []).map((row) => ({ id: rowNoteKey(section.id, row.key), citation: row.citation })),
  ]
  for (const section of sections) {
    for (const item of cited(section)) {
      const key = citationKey(item.citation)
      let number = numberByKey.get(key)
      if (number === undefined) {
        notes.push(item.citation)
        number = notes.length
        numberByKey.set(key, number)
      }
      noteOf.set(item.id, number)
      const { articleId, articleTitle, source, published } = item.citation
      let entry = sources.get(articleId)
      if (entry === undefined) {
        entry = { entry: { articleId, articleTitle, source, published }, notes: [] }
        sources.set(articleId, entry)
      }
      if (!entry.notes.includes(number)) entry.notes.push(number)
    }
  }
  return {
    noteOf,
    notes,
    sources: [...sources.values()].map(({ entry, notes: numbers }) => ({ ...entry, notes: numbers.sort((a, b) => a - b) })),
  }
}

function formatDate(date: PartialDate | null, locale: Locale): string {
  return date === null ? translate(locale, 'brief.citation.undated') : formatBriefDate(date, locale)
}

function titleOf(title: string, locale: Locale): string {
  return title.trim() === '' ? translate(locale, 'brief.citation.untitled') : title
}

function sourceOf(source: string | null, locale: Locale): string {
  return source === null || source.trim() === '' ? translate(locale, 'brief.citation.unknownSource') : source
}

/** A footnote: “Article title”, agency, date, paragraph N. */
export function formatCitation(citation: Citation, locale: Locale): string {
  return translate(locale, 'brief.citation', {
    title: titleOf(citation.articleTitle, locale),
    source: sourceOf(citation.source, locale),
    date: formatDate(citation.published, locale),
    // A string, not a number: translate() would build an Intl.NumberFormat for it on every call.
    paragraph: String(citation.paragraph),
  })
}

/** A source list entry: “Article title”, agency, date. */
export function formatSource(entry: Pick<SourceEntry, 'articleTitle' | 'source' | 'published'>, locale: Locale): string {
  return translate(locale, 'brief.source', {
    title: titleOf(entry.articleTitle, locale),
    source: sourceOf(entry.source, locale),
    date: formatDate(entry.published, locale),
  })
}

/** Which footnotes cite a source: "(footnotes 1, 4)" / "(chú thích 1, 4)", never "notes" (the highlights' notes are another thing). */
export function formatSourceNotes(notes: readonly number[], locale: Locale): string {
  return translate(locale, 'brief.source.notes', { count: notes.length, notes: notes.join(', ') })
}
