import { cleanAgencyBlocks, type TitleSource } from '../../common/agency/clean-agency-text'
import { fallbackTitle } from '../../common/agency/fallback-title'
import { bodyText, type Article, type ArticleOrigin } from '../../common/model/article'
import { detectLanguage } from '../../common/text/detect-language'
import { countWords, excerpt } from '../../common/text/normalize'
import { contentHash } from '../library/build-article'
import type { ImportDraft } from './draft'

const EXCERPT_LENGTH = 180

/**
 * Where an article's title came from: the document's metadata, its first heading, a headline-like
 * first line, the PDF's document properties, or (none of those) the first sentence of the lead.
 * A UI can flag the last two as guesses worth checking.
 */
export type TitleOrigin = TitleSource | 'document-info' | 'first-sentence'

export interface BuildFromDraftOptions {
  readonly origin: ArticleOrigin
  readonly importedAt: Date
}

/**
 * A reader's draft, cleaned (clean-agency-text.ts) and made into an article record. The id and
 * content hash come from the cleaned, normalised body exactly as buildArticle computes them, so
 * the same story gives the same hash whatever the format, encoding or Unicode form it came in.
 * Null when cleaning leaves no body.
 */
export function articleFromDraft(draft: ImportDraft, options: BuildFromDraftOptions): { article: Article; titleFrom: TitleOrigin } | null {
  const cleaned = cleanAgencyBlocks(draft.blocks, {
    title: draft.title,
    published: draft.published,
    source: draft.source,
    siteName: draft.siteName,
  })
  const first = cleaned.blocks[0]
  if (first === undefined) return null
  let title = cleaned.title
  let titleFrom: TitleOrigin = cleaned.titleFrom ?? 'first-sentence'
  if (title === null && draft.documentTitle !== null) {
    title = draft.documentTitle
    titleFrom = 'document-info'
  }
  if (title === null) {
    title = fallbackTitle(cleaned.blocks) ?? excerpt(first.text, 100)
    titleFrom = 'first-sentence'
  }
  const text = bodyText(cleaned.blocks)
  const hash = contentHash(cleaned.blocks)
  const firstParagraph = cleaned.blocks.find((block) => block.kind === 'paragraph') ?? first
  return {
    titleFrom,
    article: {
      id: hash.slice(0, 12),
      title,
      source: cleaned.source,
      url: draft.url,
      published: cleaned.published,
      importedAt: options.importedAt.toISOString(),
      language: detectLanguage(text),
      contentHash: hash,
      revision: 1,
      excerpt: excerpt(firstParagraph.text, EXCERPT_LENGTH),
      wordCount: countWords(text),
      blocks: cleaned.blocks,
      captions: cleaned.captions,
      removed: cleaned.removed,
      origin: options.origin,
    },
  }
}
