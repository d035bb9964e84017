import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { describe } from '../src/common/anchoring/describe'
import type { Annotation } from '../src/common/model/annotation'
import { bodyText, type Article } from '../src/common/model/article'
import { formatId } from '../src/common/model/ids'
import { countWords } from '../src/common/text/normalize'
import { contentHash } from '../src/node/library/build-article'
import { BriefingService } from '../src/node/service'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticArticle } from './corpus'
import { percentile, printTable } from './table'

const ROUNDS = 5
const PER_ARTICLE = 10

/**
 * Bulk tagging (issue 6) through the service on a real library: tagAnnotations finds highlights by
 * id alone, so it reads every article's annotations (from disk on the first call, from memory
 * after), then writes the touched articles and the tags in one durable commit. Undo is
 * restoreTagState, the same kind of commit. Each round adds a new tag and undoes it.
 */
export async function benchBulkTag(quick: boolean): Promise<void> {
  const rows = []
  for (const [articles, selected] of quick ? [[100, 50]] : [[200, 50], [1000, 500], [1000, 2000]]) {
    rows.push(await measure(articles!, selected!))
  }
  printTable(`Bulk tagging through the service, durable (p50 and max of ${ROUNDS} rounds; ${PER_ARTICLE} highlights per article)`, rows)
}

async function measure(articleCount: number, selectedCount: number) {
  const dir = await mkdtemp(join(tmpdir(), 'briefing-desk-bench-bulk-'))
  try {
    const ids = await seedLibrary(dir, articleCount)
    // Spread over many articles: every PER_ARTICLE-th highlight first, then the rest.
    const chosen = [...ids.filter((_, i) => i % PER_ARTICLE === 0), ...ids.filter((_, i) => i % PER_ARTICLE !== 0)].slice(0, selectedCount)
    const service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: 'bench', systemLocale: 'en' })
    const adds: number[] = []
    const undos: number[] = []
    let cold = 0
    let touched = 0
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now()
      const result = await service.tagAnnotations({ annotationIds: chosen, addTags: [`Bench ${round}`] })
      const took = performance.now() - start
      if (round === 0) cold = took
      else adds.push(took)
      touched = result.undo.annotations.length
      const undoStart = performance.now()
      await service.restoreTagState({ undo: result.undo })
      undos.push(performance.now() - undoStart)
    }
    await service.close()
    return {
      benchmark: `${selectedCount} highlights in ${touched} articles, library of ${articleCount} articles`,
      'first call ms': cold,
      'add ms p50': percentile(adds, 50),
      'add ms max': Math.max(...adds),
      'undo ms p50': percentile(undos, 50),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Articles of ~2 KB with PER_ARTICLE highlights each, written by the store in one commit. Returns the highlight ids. */
async function seedLibrary(dir: string, count: number): Promise<string[]> {
  const now = new Date().toISOString()
  const articles: Article[] = []
  const annotations = new Map<string, Annotation[]>()
  for (let index = 0; index < count; index++) {
    const blocks = syntheticArticle(index, 2000)
      .split('\n\n')
      .map((text) => ({ kind: 'paragraph' as const, text }))
    const hash = contentHash(blocks)
    const article: Article = {
      id: hash.slice(0, 12),
      title: `Bench article ${index}`,
      source: null,
      url: null,
      published: null,
      importedAt: now,
      language: 'vi',
      contentHash: hash,
      revision: 1,
      excerpt: '',
      wordCount: countWords(bodyText(blocks)),
      blocks,
      captions: [],
      removed: [],
      origin: { kind: 'paste', name: null },
    }
    articles.push(article)
    const text = bodyText(blocks)
    annotations.set(
      article.id,
      Array.from({ length: PER_ARTICLE }, (_, i) => {
        const start = Math.floor((text.length - 40) * (i / PER_ARTICLE))
        const { quote, position } = describe(text, start, start + 30)
        return {
          id: formatId('annotation', randomBytes(8).toString('hex')),
          articleId: article.id,
          articleRevision: 1,
          quote,
          position,
          status: 'anchored' as const,
          color: 'yellow' as const,
          note: '',
          tagIds: [],
          createdAt: now,
          updatedAt: now,
        }
      }),
    )
  }
  const store = await LibraryStore.open(dir)
  await store.addArticles(articles)
  await store.commit({ annotations })
  await store.close()
  return [...annotations.values()].flat().map((annotation) => annotation.id)
}
