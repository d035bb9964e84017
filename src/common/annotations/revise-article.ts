import { bodyText, type Article, type Block } from '../model/article'
import { countWords, excerpt } from '../text/normalize'

const EXCERPT_LENGTH = 180

/**
 * The next revision of an article whose body was edited: same id (ids are names, not checksums, once
 * given), new blocks, content hash, excerpt and word count. Captions and removed passages stay,
 * pinned to the last block when the body got shorter than the block they followed.
 */
export function reviseArticle(article: Article, blocks: readonly Block[], contentHash: string): Article {
  const lastBlock = blocks.length - 1
  const pin = <T extends { afterBlock: number }>(item: T): T => (item.afterBlock > lastBlock ? { ...item, afterBlock: lastBlock } : item)
  return {
    ...article,
    contentHash,
    revision: article.revision + 1,
    excerpt: excerpt(blocks[0]?.text ?? '', EXCERPT_LENGTH),
    wordCount: countWords(bodyText(blocks)),
    blocks: [...blocks],
    captions: article.captions.map(pin),
    removed: article.removed.map(pin),
  }
}
