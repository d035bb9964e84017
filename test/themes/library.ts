import { describe as describeRange } from '../../src/common/anchoring/describe'
import type { Annotation, HighlightColor } from '../../src/common/model/annotation'
import { bodyText } from '../../src/common/model/article'
import { BriefingService } from '../../src/node/service'
import { LibraryStore } from '../../src/node/store/library-store'
import { SAMPLES_DIR, tempDir } from '../helpers'

/** Opens the service on a library folder (new: the samples and the starter taxonomy). */
export function openService(libraryDir: string): Promise<BriefingService> {
  return BriefingService.open({ libraryDir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '9.9.9', systemLocale: 'en-GB' })
}

export interface Highlight {
  /** A unique part of the article's title. */
  readonly article: string
  readonly quote: string
  /** Tag names (canonical). */
  readonly tags: readonly string[]
  readonly note?: string
  readonly color?: HighlightColor
}

let counter = 0

/**
 * A real library with the samples, the starter taxonomy and the given highlights, written through
 * the real store (the annotation API is another feature's). Returns the folder.
 */
export async function seededLibrary(highlights: readonly Highlight[], dir?: string): Promise<string> {
  const libraryDir = dir ?? (await tempDir())
  await (await openService(libraryDir)).close()
  const store = await LibraryStore.open(libraryDir)
  try {
    const tags = store.listTags()
    const byArticle = new Map<string, Annotation[]>()
    for (const highlight of highlights) {
      const summary = store.listArticles().find((article) => article.title.includes(highlight.article))
      if (summary === undefined) throw new Error(`no sample article titled like ${highlight.article}`)
      const article = (await store.getArticle(summary.id))!
      const body = bodyText(article.blocks)
      const start = body.indexOf(highlight.quote)
      if (start === -1) throw new Error(`“${highlight.quote}” is not in ${summary.title}`)
      const tagIds = highlight.tags.map((name) => {
        const tag = tags.find((candidate) => candidate.name === name)
        if (tag === undefined) throw new Error(`no tag ${name}`)
        return tag.id
      })
      const { quote, position } = describeRange(body, start, start + highlight.quote.length)
      counter++
      const at = new Date(Date.UTC(2025, 0, 1, 0, 0, counter)).toISOString()
      byArticle.set(summary.id, [
        ...(byArticle.get(summary.id) ?? []),
        {
          id: `an_${counter.toString(16).padStart(16, '0')}`,
          articleId: summary.id,
          articleRevision: article.revision,
          quote,
          position,
          status: 'anchored',
          color: highlight.color ?? 'yellow',
          note: highlight.note ?? '',
          tagIds,
          createdAt: at,
          updatedAt: at,
        },
      ])
    }
    for (const [articleId, annotations] of byArticle) await store.setAnnotations(articleId, annotations)
  } finally {
    await store.close()
  }
  return libraryDir
}

export const HIGHLIGHTS: readonly Highlight[] = [
  { article: 'Thương mại hai chiều', quote: 'Hai nước cùng là thành viên CPTPP', tags: ['CPTPP'] },
  { article: 'Thương mại hai chiều', quote: 'kim ngạch thương mại hai chiều giữa Việt Nam và Peru đã đạt khoảng 600 triệu USD', tags: ['Trade'], note: 'Số liệu chính' },
  { article: 'Thương mại hai chiều', quote: 'Bitel, thương hiệu của Viettel', tags: ['Telecommunications', 'Investment'] },
  { article: 'APEC 2024', quote: 'Peru đăng cai Tuần lễ Cấp cao APEC', tags: ['APEC'] },
]
