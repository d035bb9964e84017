import { briefDossier, type BriefDossier } from '../../common/brief/brief-dossier'
import type { SourceMeta } from '../../common/brief/dossier-rows'
import { extractArticleDossier, type ArticleDossier } from '../../common/dossier/extract-article'
import type { ArticleSummary } from '../../common/model/article'
import { loggedExtractions } from '../dossier/logged-extractions'
import type { LibraryStore } from '../store/library-store'

/**
 * The decided people and timeline of a brief's sources.
 *
 * Briefs call only `decidedDossierOf`. It takes each source's extraction from the library
 * dossier's extraction log when the log holds it under the article's stamp (read one record at a
 * time, logged-extractions.ts), else extracts it here; keeps each article's extraction keyed by
 * the article's revision and content (an edited or re-dated article is read or extracted again),
 * and applies the user's person decisions as the People view stores them (settings'
 * `dossierDecisions`, src/node/dossier): a person renamed or hidden there is renamed or left out in
 * a brief's Who's who too. It does not go through the library's dossier (src/node/dossier), whose
 * first call reads or extracts every article in the library: a brief needs only the articles it
 * cites, so a Refresh costs its sources' records (or, for articles never extracted, their extraction).
 */
export interface DecidedDossier extends BriefDossier {
  /** Title, agency and date of each article read, for the rows' citations. */
  readonly metaOf: (articleId: string) => SourceMeta | undefined
}

const MAX_CACHED = 20_000
const extracted = new Map<string, ArticleDossier>()

function cacheKey(summary: ArticleSummary): string {
  return `${summary.id}|${summary.revision}|${summary.contentHash}|${summary.published ?? ''}|${summary.language}`
}

function remember(summary: ArticleSummary, dossier: ArticleDossier): ArticleDossier {
  if (extracted.size >= MAX_CACHED) extracted.clear()
  extracted.set(cacheKey(summary), dossier)
  return dossier
}

async function extraction(store: LibraryStore, summary: ArticleSummary, logged: ReadonlyMap<string, ArticleDossier>): Promise<ArticleDossier | null> {
  const known = extracted.get(cacheKey(summary))
  if (known !== undefined) return known
  const fromLog = logged.get(summary.id)
  if (fromLog !== undefined) return remember(summary, fromLog)
  const article = await store.getArticle(summary.id)
  if (article === null) return null
  return remember(summary, extractArticleDossier(article))
}

/** The articles' people and timeline, articles taken oldest first (undated last), then by id. */
export async function decidedDossierOf(store: LibraryStore, articleIds: Iterable<string>): Promise<DecidedDossier> {
  const summaries = [...new Set(articleIds)]
    .flatMap((id) => store.findById(id) ?? [])
    .sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  // The extractions not known here, from the library dossier's log (an unreadable log: extracted instead).
  const unknown = summaries.filter((summary) => !extracted.has(cacheKey(summary)))
  const logged = unknown.length === 0 ? new Map<string, ArticleDossier>() : await loggedExtractions(store.dir, unknown).catch(() => new Map<string, ArticleDossier>())
  const perArticle: ArticleDossier[] = []
  for (const summary of summaries) {
    const dossier = await extraction(store, summary, logged)
    if (dossier !== null) perArticle.push(dossier)
  }
  const meta = new Map(summaries.map((summary) => [summary.id, { id: summary.id, title: summary.title, source: summary.source, published: summary.published }]))
  return { ...briefDossier({ perArticle, decisions: store.settings.dossierDecisions ?? [] }), metaOf: (id) => meta.get(id) }
}
