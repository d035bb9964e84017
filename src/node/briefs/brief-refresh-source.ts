import { briefRefresh, type BriefRefresh, type MatchedPassage } from '../../common/brief/brief-refresh'
import { dossierRows, type DossierRows } from '../../common/brief/dossier-rows'
import { passageFromAnnotation } from '../../common/brief/passage-from-annotation'
import type { Locale } from '../../common/i18n/translate'
import type { Annotation } from '../../common/model/annotation'
import type { Brief } from '../../common/model/brief'
import type { LibraryStore } from '../store/library-store'
import { decidedDossierOf } from './brief-dossier-source'
import { newRecordId } from './new-record-id'
import { articlesOf, withDescendants } from './passage-sources'

/**
 * Gathers from the library what a brief's Refresh and its dossier rows are computed from
 * (brief-refresh.ts, dossier-rows.ts are the pure parts):
 * - its themes: those it was drafted from (`themeIds`), else the themes of the highlights it cites;
 * - the passages tagged with one of them (sub-themes included);
 * - its sources: the articles it cites and those of the matching passages, read by the dossier.
 * Only the passages not already held or seen are turned into ready passages (which reads their
 * articles): a refresh costs what is new, not what the brief already holds.
 */
export async function briefThemeIds(store: LibraryStore, brief: Brief, annotations: readonly Annotation[]): Promise<Set<string>> {
  const taxonomy = store.listTags()
  const known = new Set(taxonomy.map((tag) => tag.id))
  let themes = (brief.themeIds ?? []).filter((id) => known.has(id))
  if (themes.length === 0) {
    const cited = new Set(brief.sections.flatMap((section) => section.items.map((item) => item.annotationId)))
    themes = [...new Set(annotations.filter((annotation) => cited.has(annotation.id)).flatMap((annotation) => annotation.tagIds))].filter((id) => known.has(id))
  }
  return new Set(themes.flatMap((id) => [...withDescendants(id, taxonomy)]))
}

/** The dossier rows of a set of source articles (people and events, cited). */
export async function sourceRows(store: LibraryStore, articleIds: Iterable<string>): Promise<DossierRows> {
  const dossier = await decidedDossierOf(store, articleIds)
  return dossierRows(dossier, dossier.metaOf)
}

export async function refreshOf(store: LibraryStore, brief: Brief, locale: Locale): Promise<BriefRefresh> {
  const annotations = await store.allAnnotations()
  const wanted = await briefThemeIds(store, brief, annotations)
  const matching = wanted.size === 0 ? [] : annotations.filter((annotation) => annotation.tagIds.some((id) => wanted.has(id)))
  const held = new Set(brief.sections.flatMap((section) => section.items.map((item) => item.annotationId)))
  const seen = new Set([...(brief.lastExport?.annotationIds ?? []), ...(brief.lastExport?.offered?.annotationIds ?? [])])
  const fresh = matching.filter((annotation) => !held.has(annotation.id) && !seen.has(annotation.id))
  const articles = await articlesOf(store, fresh)
  const matched: MatchedPassage[] = fresh
    .filter((annotation) => articles.has(annotation.articleId))
    .sort((a, b) => {
      const left = articles.get(a.articleId)!.published ?? '9999'
      const right = articles.get(b.articleId)!.published ?? '9999'
      return left.localeCompare(right) || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0) || a.position.start - b.position.start
    })
    .map((annotation) => ({ passage: passageFromAnnotation(annotation, articles.get(annotation.articleId)!, newRecordId), note: annotation.note, orphaned: annotation.status === 'orphan' }))
  const cited = brief.sections.flatMap((section) => [...section.items, ...(section.rows ?? [])].map((entry) => entry.citation.articleId))
  const sources = new Set([...cited, ...matching.map((annotation) => annotation.articleId)])
  return briefRefresh({ brief, matched, rows: await sourceRows(store, sources), locale })
}
