import type { Locale } from '../i18n/translate'
import type { PartialDate } from '../model/article'
import type { Brief, EventRow, ExportSnapshot, PassageItem, PersonRow } from '../model/brief'
import { heldRowKeys, knownRow, rowKeys, type DossierRows } from './dossier-rows'
import { formatFigureValue } from './format-figure'
import { findFigures, type FigureKind } from './key-figures'
import { passageText } from './passage-text'

/**
 * What's new for a brief: what matches its themes now and was neither in it nor matched at its
 * last export (`lastExport`), so that Refresh offers only what the library gained since. Pure: the
 * node side gathers the matching passages and the dossier rows of the brief's sources
 * (src/node/briefs/brief-refresh-source.ts).
 *
 * A snapshot records what the brief held and what its themes matched at an export; a thing the
 * user chose to leave out then is not offered again. A row the user removed (`removedKeys`) is not
 * offered again either. Without an export yet, everything that matches and is not held is offered.
 */
export interface MatchedPassage {
  /** A passage ready to add: quote and citation snapshot of the highlight (passage-from-annotation.ts). */
  readonly passage: PassageItem
  readonly note: string
  readonly orphaned: boolean
}

export interface RefreshArticle {
  readonly articleId: string
  readonly title: string
  readonly source: string | null
  readonly published: PartialDate | null
  /** How many of the offered passages come from it. */
  readonly passages: number
}

export interface RefreshFigure {
  readonly key: string
  readonly text: string
  readonly kind: FigureKind
  /** The normalised value in the brief's language ("600.000.000 USD"). */
  readonly value: string
  /** The offered passage it is quoted in: adding the figure adds that passage. */
  readonly annotationId: string
}

export interface BriefRefresh {
  /** When the brief was last exported (ISO), or null. */
  readonly since: string | null
  readonly articles: readonly RefreshArticle[]
  readonly passages: readonly MatchedPassage[]
  readonly people: readonly PersonRow[]
  readonly events: readonly EventRow[]
  readonly figures: readonly RefreshFigure[]
}

export interface RefreshInput {
  readonly brief: Brief
  /** Every passage that matches the brief's themes now, in document order. */
  readonly matched: readonly MatchedPassage[]
  /** The rows of the brief's sources (its cited articles and the matched passages' articles). */
  readonly rows: DossierRows
  /** The brief's language, for the figures' values. */
  readonly locale: Locale
}

export function figureKey(annotationId: string, text: string): string {
  return `${annotationId}#${text}`
}

function figuresOf(passage: PassageItem, locale: Locale): RefreshFigure[] {
  return findFigures(passageText(passage)).map((figure) => ({
    key: figureKey(passage.annotationId, figure.text),
    text: figure.text,
    kind: figure.kind,
    value: formatFigureValue(figure, locale),
    annotationId: passage.annotationId,
  }))
}

export function briefRefresh(input: RefreshInput): BriefRefresh {
  const { brief, matched, rows, locale } = input
  const snapshot = brief.lastExport
  const heldPassages = new Set(brief.sections.flatMap((section) => section.items.map((item) => item.annotationId)))
  const heldArticles = new Set(brief.sections.flatMap((section) => [...section.items, ...(section.rows ?? [])].map((entry) => entry.citation.articleId)))
  const held = heldRowKeys(brief.sections)
  const seen = (field: 'articleIds' | 'annotationIds' | 'personKeys' | 'eventKeys' | 'figureKeys') => [...(snapshot?.[field] ?? []), ...(snapshot?.offered?.[field] ?? [])]
  const seenPassages = new Set(seen('annotationIds'))
  const seenArticles = new Set(seen('articleIds'))
  const seenPeople = new Set([...seen('personKeys'), ...held.person, ...held.removed])
  const seenEvents = new Set([...seen('eventKeys'), ...held.event, ...held.removed])

  const passages = matched.filter((candidate) => !heldPassages.has(candidate.passage.annotationId) && !seenPassages.has(candidate.passage.annotationId))
  const articles = new Map<string, RefreshArticle>()
  for (const { passage } of passages) {
    const { articleId, articleTitle, source, published } = passage.citation
    if (heldArticles.has(articleId) || seenArticles.has(articleId)) continue
    const entry = articles.get(articleId)
    articles.set(articleId, { articleId, title: articleTitle, source, published, passages: (entry?.passages ?? 0) + 1 })
  }
  const seenFigures = new Set(seen('figureKeys'))
  return {
    since: snapshot?.at ?? null,
    articles: [...articles.values()],
    passages,
    people: rows.people.filter((row) => !knownRow(row, seenPeople)),
    events: rows.events.filter((row) => !knownRow(row, seenEvents)),
    figures: passages.flatMap(({ passage }) => figuresOf(passage, locale)).filter((figure) => !seenFigures.has(figure.key)),
  }
}

/**
 * The snapshot an export leaves: what the brief holds (passages, cited articles, row keys, the
 * figures of its passages), and what Refresh offers now (`offered`), so that the next Refresh
 * offers only what comes after and the next What's new lists what the brief gained.
 */
export function exportSnapshot(brief: Brief, offered: BriefRefresh, at: string): ExportSnapshot {
  const items = brief.sections.flatMap((section) => section.items)
  const rows = brief.sections.flatMap((section) => section.rows ?? [])
  const unique = (values: Iterable<string>) => [...new Set(values)]
  return {
    at,
    articleIds: unique([...items.map((item) => item.citation.articleId), ...rows.map((row) => row.citation.articleId)]),
    annotationIds: unique(items.map((item) => item.annotationId)),
    personKeys: unique(rows.filter((row) => row.kind === 'person').flatMap(rowKeys)),
    eventKeys: unique(rows.filter((row) => row.kind === 'event').flatMap(rowKeys)),
    figureKeys: unique(items.flatMap((item) => findFigures(passageText(item)).map((figure) => figureKey(item.annotationId, figure.text)))),
    offered: {
      articleIds: unique([...offered.articles.map((article) => article.articleId), ...offered.passages.map(({ passage }) => passage.citation.articleId)]),
      annotationIds: unique(offered.passages.map(({ passage }) => passage.annotationId)),
      personKeys: unique(offered.people.flatMap(rowKeys)),
      eventKeys: unique(offered.events.flatMap(rowKeys)),
      figureKeys: unique(offered.figures.map((figure) => figure.key)),
    },
  }
}
