import type { Brief, EventRow, PersonRow, Section } from '../model/brief'
import { translate, type Locale } from '../i18n/translate'
import { rowNoteKey } from './citations'
import { formatBriefDate } from './brief-dates'
import { formatEventDate } from './dossier-dates'
import { rowKeys } from './dossier-rows'
import { escapeMarkdownInline } from './escape-markdown'
import { passageText } from './passage-text'

/**
 * The dossier sections as Markdown (plain text escaped, escape-markdown.ts; variables ending in
 * `Md` hold Markdown). Who's who and Chronology are GFM pipe tables, which read as tables in every
 * GFM renderer and in the HTML and PDF exports (marked), and as lines of text elsewhere; each row
 * ends with the footnote of its passage, like a passage. What's new is a list of what the brief
 * gained since its last export (`lastExport`): sources, passages, people and events, each with
 * its footnote.
 */
type NoteOf = ReadonlyMap<string, number>

function label(locale: Locale, key: Parameters<typeof translate>[1]): string {
  return escapeMarkdownInline(translate(locale, key))
}

function row(cellsMd: readonly string[]): string {
  return `| ${cellsMd.join(' | ')} |`
}

function noteMd(sectionId: string, key: string, noteOf: NoteOf): string {
  return `[^${noteOf.get(rowNoteKey(sectionId, key)) ?? 0}]`
}

/** "Country, organisation" as the title states them. */
export function personAffiliation(person: Pick<PersonRow, 'country' | 'organisation'>): string {
  return [person.country, person.organisation].filter((part): part is string => part !== null && part.trim() !== '').join(', ')
}

export function peopleTableMd(section: Section, noteOf: NoteOf, locale: Locale): string {
  const people = (section.rows ?? []).filter((entry): entry is PersonRow => entry.kind === 'person')
  return [
    row([label(locale, 'brief.md.people.name'), label(locale, 'brief.md.people.role'), label(locale, 'brief.md.people.affiliation'), label(locale, 'brief.md.people.source')]),
    row(['---', '---', '---', '---']),
    ...people.map((person) =>
      row([escapeMarkdownInline(person.name), escapeMarkdownInline(person.role ?? ''), escapeMarkdownInline(personAffiliation(person)), noteMd(section.id, person.key, noteOf)]),
    ),
  ].join('\n')
}

export function chronologyTableMd(section: Section, noteOf: NoteOf, locale: Locale): string {
  const events = (section.rows ?? []).filter((entry): entry is EventRow => entry.kind === 'event')
  return [
    row([label(locale, 'brief.md.events.date'), label(locale, 'brief.md.events.event'), label(locale, 'brief.md.people.source')]),
    row(['---', '---', '---']),
    ...events.map((event) => row([escapeMarkdownInline(formatEventDate(event, locale)), escapeMarkdownInline(event.text), noteMd(section.id, event.key, noteOf)])),
  ].join('\n')
}

const EXCERPT = 160

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`
}

/** The lines of What's new: empty when the brief was never exported or gained nothing since. */
export function whatsNewLinesMd(brief: Brief, noteOf: NoteOf, locale: Locale): string[] {
  const snapshot = brief.lastExport
  if (snapshot === undefined) return []
  const annotations = new Set(snapshot.annotationIds)
  const articles = new Set(snapshot.articleIds)
  const people = new Set(snapshot.personKeys)
  const events = new Set(snapshot.eventKeys)
  const lines: string[] = []
  const line = (key: Parameters<typeof translate>[1], textMd: string, footnoteMd: string) => lines.push(`- **${label(locale, key)}:** ${textMd}${footnoteMd}`)
  const newSources = new Set<string>()
  for (const section of brief.sections) {
    for (const item of section.items) {
      if (!articles.has(item.citation.articleId) && !newSources.has(item.citation.articleId)) {
        newSources.add(item.citation.articleId)
        line('brief.md.new.source', escapeMarkdownInline(`“${item.citation.articleTitle}”${item.citation.source === null ? '' : `, ${item.citation.source}`}`), '')
      }
    }
  }
  for (const section of brief.sections) {
    for (const item of section.items) {
      if (!annotations.has(item.annotationId)) line('brief.md.new.passage', escapeMarkdownInline(excerpt(passageText(item))), `[^${noteOf.get(item.id) ?? 0}]`)
    }
  }
  for (const section of brief.sections) {
    for (const entry of section.rows ?? []) {
      const known = entry.kind === 'person' ? people : events
      if (rowKeys(entry).some((key) => known.has(key))) continue
      if (entry.kind === 'person') {
        line('brief.md.new.person', escapeMarkdownInline([entry.name, entry.role ?? ''].filter((part) => part !== '').join(', ')), noteMd(section.id, entry.key, noteOf))
      } else {
        line('brief.md.new.event', escapeMarkdownInline(`${formatEventDate(entry, locale)}: ${excerpt(entry.text)}`), noteMd(section.id, entry.key, noteOf))
      }
    }
  }
  if (lines.length === 0) return []
  return [escapeMarkdownInline(translate(locale, 'brief.md.new.since', { date: formatBriefDate(snapshot.at.slice(0, 10), locale) })), lines.join('\n')]
}

/** The Markdown blocks of a dossier section's content (after its heading and body), or none. */
export function dossierSectionBlocks(brief: Brief, section: Section, noteOf: NoteOf, locale: Locale): string[] {
  if (section.dossier === 'whatsNew') return whatsNewLinesMd(brief, noteOf, locale)
  if ((section.rows ?? []).length === 0) return []
  if (section.dossier === 'people') return [peopleTableMd(section, noteOf, locale)]
  if (section.dossier === 'chronology') return [chronologyTableMd(section, noteOf, locale)]
  return []
}
