import { cleanAgencyBlocks, type TitleSource } from '../../common/agency/clean-agency-text'
import { proposeSource } from '../../common/agency/propose-source'
import { proposeTitle } from '../../common/agency/propose-title'
import { bodyText, type Article, type ArticleOrigin, type ProposedDetails } from '../../common/model/article'
import { detectLanguage } from '../../common/text/detect-language'
import { countWords, excerpt } from '../../common/text/normalize'
import { contentHash } from '../library/build-article'
import type { ImportDraft } from './draft'

const EXCERPT_LENGTH = 180

/**
 * Where an article's title came from: the document's metadata, its first heading, a headline-like
 * first line, the PDF's document properties, or (none of those) a title proposed from the lead or
 * a caption (propose-title.ts), which the article records as proposed.
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
  const proposed: { title?: true; source?: true } = {}
  if (title === null) {
    title = proposeTitle(cleaned.blocks, cleaned.captions) ?? excerpt(first.text, 100)
    titleFrom = 'first-sentence'
    proposed.title = true
  }
  // A text that names no source may still credit an agency in its photo captions.
  let source = cleaned.source
  if (source === null) {
    source = proposeSource(cleaned.captions)
    if (source !== null) proposed.source = true
  }
  const text = bodyText(cleaned.blocks)
  const hash = contentHash(cleaned.blocks)
  const firstParagraph = cleaned.blocks.find((block) => block.kind === 'paragraph') ?? first
  return {
    titleFrom,
    article: {
      id: hash.slice(0, 12),
      title,
      source,
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
      ...(Object.keys(proposed).length > 0 ? { proposed: proposed as ProposedDetails } : {}),
      ...(draft.ocr !== undefined ? { ocr: draft.ocr } : {}),
    },
  }
}
