import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Annotation } from '../src/common/model/annotation'
import { summarize, type Article } from '../src/common/model/article'
import { SCHEMA_VERSION } from '../src/node/store/library-files'
import { LibraryStore } from '../src/node/store/library-store'
import { mapLimit } from '../src/node/store/map-limit'
import { syntheticArticle } from './corpus'
import { syntheticAnnotation } from './store-data'

/**
 * A library of N synthetic articles, for `BENCH_SCALE=100000` and the end-to-end test of the
 * library list at that size. Articles are assembled directly from the corpus generator's text,
 * not run through the importer's cleaning. Two ways to write them:
 * - `generateLibrary`: through the store (durable writes, second copies), in groups so that the
 *   index is rewritten once per group; about 4 s per 1,000 articles on a loaded machine (fsyncs);
 * - `generateLibraryFiles`: straight into the store's current file format (the store makes the
 *   empty library, then every body, its second copy and the index are written as the store
 *   writes them, without an fsync each, and one `sync` at the end): what makes 100,000 in
 *   minutes. The format is the store's (`{ schemaVersion, article }` and the index as
 *   `JSON.stringify(index)` and a newline, both copies byte for byte): if the store's format
 *   changes, this follows it or the store's validation refuses the library at open.
 */
const GROUP = 5_000
const IMPORTED_AT = '2026-01-01T00:00:00.000Z'

/** Article `i` of the generated library: deterministic, about `bodyBytes` of Vietnamese-like text. */
export function generatedArticle(i: number, bodyBytes: number): Article {
  const raw = syntheticArticle(i, bodyBytes, { rareWords: true })
  const [header = '', title = '', ...rest] = raw.split('\n')
  const paragraphs = rest
    .join('\n')
    .replace(/\.\/\.[\s\S]*$/u, '.')
    .split('\n\n')
    .map((text) => text.trim())
    .filter((text) => text !== '')
  const text = paragraphs.join('\n\n')
  const excerpt = text.length > 200 ? `${text.slice(0, 200).trimEnd()}…` : text
  return {
    id: i.toString(16).padStart(12, '0'),
    // A number in the title makes every row of the list tell which article it is.
    title: `${i + 1}. ${title}`.slice(0, 200),
    source: 'TTXVN',
    url: null,
    published: header.replace(/^date /u, ''),
    importedAt: IMPORTED_AT,
    language: 'vi',
    contentHash: createHash('sha256').update(text).digest('hex'),
    revision: 1,
    excerpt,
    wordCount: text.split(/\s+/u).length,
    blocks: paragraphs.map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph })),
    captions: [],
    removed: [],
    origin: { kind: 'file', name: `${i}.txt` },
  } as Article
}

export interface GenerateOptions {
  readonly count: number
  /** Body size per article (default 5,000 bytes, as the search bench's corpus). */
  readonly bodyBytes?: number
  /** Highlights per article (default 0). */
  readonly highlights?: number
  /** Told after each group, e.g. to print progress. */
  readonly progress?: (done: number) => void
}

/** Fills the (new) library at `dir`; returns how long it took, ms. */
export async function generateLibrary(dir: string, options: GenerateOptions): Promise<number> {
  const start = performance.now()
  const bodyBytes = options.bodyBytes ?? 5_000
  const highlights = options.highlights ?? 0
  const store = await LibraryStore.open(dir)
  try {
    for (let from = 0; from < options.count; from += GROUP) {
      const articles = Array.from({ length: Math.min(GROUP, options.count - from) }, (_, k) => generatedArticle(from + k, bodyBytes))
      await store.addArticles(articles)
      if (highlights > 0) {
        for (const article of articles) {
          const list: Annotation[] = Array.from({ length: highlights }, (_, k) => syntheticAnnotation(article.id, article.blocks[0]!.text, Number.parseInt(article.id, 16) * highlights + k))
          await store.setAnnotations(article.id, list)
        }
      }
      options.progress?.(from + articles.length)
    }
  } finally {
    await store.close()
  }
  return performance.now() - start
}

/** Fills a new library at `dir` straight in the store's file format (see above); returns ms. */
export async function generateLibraryFiles(dir: string, options: GenerateOptions): Promise<number> {
  const start = performance.now()
  const bodyBytes = options.bodyBytes ?? 5_000
  const store = await LibraryStore.open(dir)
  await store.initialize()
  await store.close()
  const index = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')) as { articles: unknown[] }
  for (let from = 0; from < options.count; from += GROUP) {
    const articles = Array.from({ length: Math.min(GROUP, options.count - from) }, (_, k) => generatedArticle(from + k, bodyBytes))
    await mapLimit(articles, 16, async (article) => {
      const bytes = `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, article })}\n`
      await writeFile(join(dir, 'articles', `${article.id}.json`), bytes, { mode: 0o600 })
      await writeFile(join(dir, 'mirror', 'articles', `${article.id}.json`), bytes, { mode: 0o600 })
    })
    for (const article of articles) index.articles.push(summarize(article))
    options.progress?.(from + articles.length)
  }
  const bytes = `${JSON.stringify(index)}\n`
  await writeFile(join(dir, 'library.json'), bytes, { mode: 0o600 })
  await writeFile(join(dir, 'mirror', 'library.json'), bytes, { mode: 0o600 })
  execFileSync('sync')
  return performance.now() - start
}
