import { createHash } from 'node:crypto'
import { cleanAgencyText } from '../../common/agency/clean-agency-text'
import { proposeSource } from '../../common/agency/propose-source'
import { proposeTitle } from '../../common/agency/propose-title'
import { bodyText, type Article, type ArticleOrigin, type Block } from '../../common/model/article'
import { detectLanguage } from '../../common/text/detect-language'
import { countWords, excerpt } from '../../common/text/normalize'

const EXCERPT_LENGTH = 180
const FALLBACK_TITLE_LENGTH = 120

export function contentHash(blocks: readonly Block[]): string {
  return createHash('sha256').update(bodyText(blocks), 'utf8').digest('hex')
}

export interface BuildOptions {
  readonly origin: ArticleOrigin
  readonly importedAt: Date
}

/**
 * Turns raw agency-style text into an article record: cleaned, dated, titled, hashed.
 * Returns null when the text holds no body at all.
 */
export function buildArticle(raw: string, options: BuildOptions): Article | null {
  const cleaned = cleanAgencyText(raw)
  const firstBlock = cleaned.blocks[0]
  if (firstBlock === undefined) return null
  const text = bodyText(cleaned.blocks)
  const hash = contentHash(cleaned.blocks)
  // As an import does (draft-to-article.ts): a title or source the text lacks is proposed.
  const title = cleaned.title ?? proposeTitle(cleaned.blocks, cleaned.captions) ?? excerpt(firstBlock.text, FALLBACK_TITLE_LENGTH)
  const source = cleaned.source ?? proposeSource(cleaned.captions)
  const proposed = { ...(cleaned.title === null ? { title: true as const } : {}), ...(cleaned.source === null && source !== null ? { source: true as const } : {}) }
  return {
    id: hash.slice(0, 12),
    title,
    source,
    url: null,
    published: cleaned.published,
    importedAt: options.importedAt.toISOString(),
    language: detectLanguage(text),
    contentHash: hash,
    revision: 1,
    excerpt: excerpt(firstBlock.text, EXCERPT_LENGTH),
    wordCount: countWords(text),
    blocks: cleaned.blocks,
    captions: cleaned.captions,
    removed: cleaned.removed,
    origin: options.origin,
    ...(Object.keys(proposed).length > 0 ? { proposed } : {}),
  }
}
