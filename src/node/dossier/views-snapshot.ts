import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { EXTRACTION_VERSION } from '../../common/dossier/extract-article'
import type { OrganisationList, PeopleList, TimelinePage } from '../../common/dossier/library-view'
import type { ArticleSummary } from '../../common/model/article'
import { articleStamp } from './article-entry'

/**
 * The dossier's merged views as last served, saved so that a library opened again paints People,
 * Organisations and the Timeline's first page from one small file, without reading the extraction
 * log or merging anything: `cache/dossier-views.json`.
 *
 * It holds the People list (decisions applied), the Organisations list (theirs applied) and the
 * unfiltered Timeline's first page, with what they were made from: `basis`, a digest of every
 * article's id, stamp (article-entry.ts: text, language, publication date) and title in the
 * index's order, plus the extraction version; and `decisions`, a digest of the decisions applied.
 * It is served only while both still match the library; any change of an article or a decision
 * makes the merged state be used (and saved again at close). A cache like the extraction log: a
 * file that is missing, damaged, of another format or stale is ignored, never an error.
 */
export const DOSSIER_VIEWS_FILE = join('cache', 'dossier-views.json')

const FORMAT = 'briefing-desk dossier views'

export interface DossierViews {
  readonly basis: string
  readonly decisions: string
  readonly people: PeopleList
  readonly organisations: OrganisationList
  /** The unfiltered timeline's first page (`timeline.entries.length` entries of `total`). */
  readonly timeline: TimelinePage
}

/** What the views were made from: every article's stamp and title, in the index's order. */
export function viewsBasis(summaries: readonly ArticleSummary[]): string {
  const hash = createHash('sha256').update(String(EXTRACTION_VERSION))
  for (const summary of summaries) hash.update(`\n${summary.id}\t${articleStamp(summary)}\t${summary.title}`)
  return hash.digest('hex')
}

export function decisionsDigest(decisions: unknown): string {
  return createHash('sha256').update(JSON.stringify(decisions ?? [])).digest('hex')
}

function isViews(value: unknown): value is DossierViews & { format: string } {
  if (typeof value !== 'object' || value === null) return false
  const views = value as Record<string, unknown>
  const people = views['people'] as Record<string, unknown> | undefined
  const organisations = views['organisations'] as Record<string, unknown> | undefined
  const timeline = views['timeline'] as Record<string, unknown> | undefined
  return (
    views['format'] === FORMAT &&
    typeof views['basis'] === 'string' &&
    typeof views['decisions'] === 'string' &&
    Array.isArray(people?.['people']) &&
    Array.isArray(organisations?.['organisations']) &&
    Array.isArray(timeline?.['entries']) &&
    typeof timeline?.['total'] === 'number' &&
    Array.isArray(timeline?.['countries'])
  )
}

/** The saved views, or null when there is none or it cannot be used (damaged, another format). */
export async function readDossierViews(path: string): Promise<DossierViews | null> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'))
    return isViews(value) ? value : null
  } catch {
    return null
  }
}

/** Saves the views atomically (unique temp file, rename): a crash leaves the old file or the new one. */
export async function writeDossierViews(path: string, views: DossierViews): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.dossier-views.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeAll(temp, JSON.stringify({ format: FORMAT, ...views }))
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

async function writeAll(path: string, text: string): Promise<void> {
  const file = await open(path, 'w', 0o600)
  try {
    await file.writeFile(text, 'utf8')
    await file.sync()
  } finally {
    await file.close()
  }
}
