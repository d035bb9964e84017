import type { Article } from '../../common/model/article'

/**
 * The block (paragraph or heading) holding a body offset: blocks are joined by "\n\n" in
 * bodyText, the unit of every offset in the model.
 */
export function blockAtOffset(article: Article, offset: number): number {
  let start = 0
  for (let index = 0; index < article.blocks.length; index++) {
    const end = start + article.blocks[index]!.text.length
    if (offset < end + 2) return index
    start = end + 2
  }
  return Math.max(0, article.blocks.length - 1)
}

/** Scrolls the reader to the block holding `offset` and marks it for a moment (CSS [data-focused]). */
export function scrollToOffset(root: HTMLElement, article: Article, offset: number): HTMLElement | null {
  const block = root.querySelector<HTMLElement>(`[data-block="${blockAtOffset(article, offset)}"]`)
  if (block === null) return null
  block.scrollIntoView({ block: 'center' })
  block.dataset['focused'] = 'true'
  setTimeout(() => delete block.dataset['focused'], 2400)
  return block
}
