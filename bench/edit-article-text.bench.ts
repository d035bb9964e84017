import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { DescribedRange } from '../src/common/anchoring/types'
import type { Annotation } from '../src/common/model/annotation'
import type { Article } from '../src/common/model/article'
import { formatId } from '../src/common/model/ids'
import { countWords } from '../src/common/text/normalize'
import { contentHash } from '../src/node/library/build-article'
import { BriefingService } from '../src/node/service'
import { LibraryStore } from '../src/node/store/library-store'
import { percentile, printTable } from './table'

const ROUNDS = 3

/**
 * The whole `edit` path as a user meets it (issue 5): BriefingService.editArticleText on a real
 * library, i.e. splitting and normalising the text, re-anchoring every annotation and writing the
 * new revision with the annotations in one durable commit (journal, fsyncs, index). The same
 * article, annotations and edit as the anchoring table above, so the difference is the I/O.
 */
export async function benchEditArticleText(text: string, ranges: readonly DescribedRange[], edited: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'briefing-desk-bench-edit-'))
  try {
    const { article, annotations } = await seedLibrary(dir, text, ranges)
    const service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: 'bench', systemLocale: 'en' })
    const totals: number[] = []
    let last = { moved: 0, orphaned: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now()
      const result = await service.editArticleText({ id: article.id, text: edited })
      totals.push(performance.now() - start)
      last = { moved: result.moved, orphaned: result.orphaned }
      // Back to the starting point, untimed: the original text and the original records.
      await service.editArticleText({ id: article.id, text })
      await service.restoreAnnotations({ articleId: article.id, annotations })
    }
    await service.close()
    printTable(`Edit article text through the service, durable (p50 and max of ${ROUNDS} rounds; goal ≤ 200 ms)`, [
      {
        benchmark: `editArticleText: ${annotations.length} annotations, ${Math.round(Buffer.byteLength(text) / 1000)} KB, 10% edited`,
        'total ms p50': percentile(totals, 50),
        'total ms max': Math.max(...totals),
        moved: last.moved,
        orphaned: last.orphaned,
      },
    ])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A library holding one article with the text and one annotation per range, written by the store directly. */
async function seedLibrary(dir: string, text: string, ranges: readonly DescribedRange[]): Promise<{ article: Article; annotations: Annotation[] }> {
  const blocks = text.split('\n\n').map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }))
  const hash = contentHash(blocks)
  const article: Article = {
    id: hash.slice(0, 12),
    title: 'Bench article',
    source: null,
    url: null,
    published: null,
    importedAt: new Date().toISOString(),
    language: 'vi',
    contentHash: hash,
    revision: 1,
    excerpt: '',
    wordCount: countWords(text),
    blocks,
    captions: [],
    removed: [],
    origin: { kind: 'paste', name: null },
  }
  const now = new Date().toISOString()
  const annotations: Annotation[] = ranges.map((range) => ({
    id: formatId('annotation', randomBytes(8).toString('hex')),
    articleId: article.id,
    articleRevision: 1,
    quote: range.quote,
    position: range.position,
    status: 'anchored',
    color: 'yellow',
    note: '',
    tagIds: [],
    createdAt: now,
    updatedAt: now,
  }))
  const store = await LibraryStore.open(dir)
  await store.addArticles([article])
  await store.setAnnotations(article.id, annotations)
  await store.close()
  return { article, annotations }
}
