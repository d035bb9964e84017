import { randomUUID } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { parseW3CAnnotations, toW3CCollection, type ImportedAnnotation } from '../../common/anchoring'
import { inDocumentOrder } from '../../common/annotations/document-order'
import { planAnnotationImport, type ImportTarget } from '../../common/annotations/plan-annotation-import'
import { AppError } from '../../common/errors'
import type { Annotation } from '../../common/model/annotation'
import { bodyText } from '../../common/model/article'
import { runInSlices } from '../run-in-slices'
import { reasonOf, writeDurably } from '../store/durable-json-file'
import type { LibraryStore } from '../store/library-store'
import { newAnnotationId, newTagId } from './annotation-operations'

/** A W3C file larger than this is refused before it is read (some 100 000 annotations). */
export const MAX_ANNOTATION_FILE_BYTES = 64 * 1024 * 1024

/**
 * Writes every annotation of the library to `path` as one W3C AnnotationCollection (JSON-LD),
 * article by article in document order. An article whose body cannot be read (damaged beyond
 * repair) still has its annotations exported, as orphans: their quotes are all that is known.
 * Positions are exported only where they are verifiably right (see `holds`).
 */
export async function exportAnnotationsTo(store: LibraryStore, path: string): Promise<{ count: number }> {
  const texts = new Map<string, string>()
  const annotations: Annotation[] = []
  for (const summary of store.listArticles()) {
    const own = await store.getAnnotations(summary.id)
    if (own.length === 0) continue
    const article = await store.getArticle(summary.id)
    if (article !== null) texts.set(summary.id, bodyText(article.blocks))
    const text = texts.get(summary.id)
    for (const annotation of inDocumentOrder(own)) annotations.push(holds(annotation, text) ? annotation : { ...annotation, status: 'orphan' })
  }
  const tagNames = new Map(store.listTags().map((tag) => [tag.id, tag.name]))
  // No label: it would be text in one language inside a file meant for any tool and reader.
  const collection = toW3CCollection(annotations, { bodyText: (id) => texts.get(id) ?? '', tagNames }, { id: `urn:uuid:${randomUUID()}` })
  try {
    await writeDurably(path, `${JSON.stringify(collection, null, 2)}\n`)
  } catch (error) {
    const cause = error instanceof AppError ? error.cause : error
    throw new AppError('annotations.writeFailed', { file: path, reason: reasonOf(cause) }, { cause })
  }
  return { count: annotations.length }
}

/**
 * True when an anchored annotation's position still holds its quote in the article's text. It
 * always should; if something changed the text without re-anchoring, the export states only the
 * quote (as for an orphan) rather than a position that now points at other words.
 */
function holds(annotation: Annotation, text: string | undefined): boolean {
  if (annotation.status === 'orphan') return true
  return text !== undefined && text.slice(annotation.position.start, annotation.position.end) === annotation.quote.exact
}

export interface ImportCounts {
  readonly added: number
  readonly skipped: number
  readonly orphaned: number
}

/**
 * Reads a W3C annotation file and adds its annotations to the library (see planAnnotationImport):
 * the whole file is read and checked first, then everything is written in one commit, so a file
 * with a problem anywhere in it changes nothing.
 */
export async function importAnnotationsFrom(store: LibraryStore, path: string, now: Date): Promise<ImportCounts> {
  const read = await readAnnotationFile(path)
  // Planned and written in one store update: a highlight saved meanwhile is kept.
  return store.update({ annotations: 'all' }, async (current) => {
    // Our IRIs name articles by id; another tool (Hypothesis, a browser extension) names the web
    // page, which is the article's URL when it was imported from the web.
    const byUrl = new Map(store.listArticles().flatMap((summary) => (summary.url === null ? [] : [[summary.url, summary.id] as const])))
    const imported = read.map((item) => (item.articleId === null ? { ...item, articleId: byUrl.get(item.source) ?? null } : item))
    const wanted = new Set(imported.flatMap((item) => (item.articleId !== null && current.summary(item.articleId) !== undefined ? [item.articleId] : [])))
    const targets = new Map<string, ImportTarget>()
    for (const id of wanted) {
      const article = await store.getArticle(id)
      // An article whose body is lost cannot anchor anything: its annotations count as skipped.
      if (article !== null) targets.set(id, { text: bodyText(article.blocks), revision: article.revision })
    }
    const existing = new Map([...current.annotations].map(([id, list]) => [id, [...list]]))
    const plan = await runInSlices(planAnnotationImport({
      imported,
      targets,
      existing,
      tags: current.tags,
      newAnnotationId,
      newTagId,
      now: now.toISOString(),
    }))
    return {
      writes: plan.added > 0 ? { annotations: plan.annotations, ...(plan.tags === null ? {} : { tags: plan.tags }) } : {},
      value: { added: plan.added, skipped: plan.skipped, orphaned: plan.orphaned },
    }
  })
}

async function readAnnotationFile(path: string): Promise<ImportedAnnotation[]> {
  let text: string
  try {
    const { size } = await stat(path)
    if (size > MAX_ANNOTATION_FILE_BYTES) {
      throw new AppError('annotations.tooLarge', { file: path, size: Math.ceil(size / 1024 / 1024), limit: MAX_ANNOTATION_FILE_BYTES / 1024 / 1024 })
    }
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof AppError) throw error
    const code = (error as { code?: unknown }).code
    if (code === 'ENOENT') throw new AppError('annotations.fileNotFound', { file: path })
    throw new AppError('annotations.unreadable', { file: path, reason: reasonOf(error) }, { cause: error })
  }
  let json: unknown
  try {
    // A byte-order mark is legal at the start of a UTF-8 file and JSON.parse refuses it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new AppError('annotations.notJson', { file: path, reason: reasonOf(error) }, { cause: error })
  }
  const parsed = parseW3CAnnotations(json)
  if (!parsed.ok) throw new AppError('annotations.invalidFile', { file: path, problem: parsed.error })
  return parsed.annotations
}
