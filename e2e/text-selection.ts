import type { Page } from '@playwright/test'

/**
 * Selects text in the open article the way a user's drag would: a DOM Range from the first
 * occurrence of `from` to the end of the first occurrence of `to` after it, inside block `block`
 * (its data-block index). The reader listens to selectionchange, so this is what it sees.
 */
export async function selectInBlock(page: Page, block: number, from: string, to: string = from): Promise<void> {
  await page.evaluate(
    ({ block, from, to }) => {
      const element = document.querySelector(`main [data-block="${block}"]`)
      if (element === null) throw new Error(`no block ${block}`)
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      while (walker.nextNode()) nodes.push(walker.currentNode as Text)
      const text = nodes.map((node) => node.data).join('')
      const start = text.indexOf(from)
      const end = text.indexOf(to, start) + to.length
      if (start === -1 || end < start + from.length) throw new Error(`"${from}"…"${to}" is not in block ${block}`)
      const locate = (offset: number, atEnd: boolean): [Text, number] => {
        let rest = offset
        for (const node of nodes) {
          if (rest < node.data.length || (atEnd && rest === node.data.length)) return [node, rest]
          rest -= node.data.length
        }
        throw new Error('offset out of range')
      }
      const range = document.createRange()
      range.setStart(...locate(start, false))
      range.setEnd(...locate(end, true))
      const selection = document.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
    },
    { block, from, to },
  )
}

/** Selects from a point inside one element to a point inside another (e.g. a caption into the body). */
export async function selectBetween(page: Page, startSelector: string, endSelector: string, endText: string): Promise<void> {
  await page.evaluate(
    ({ startSelector, endSelector, endText }) => {
      const start = document.querySelector(startSelector)!
      const end = document.querySelector(endSelector)!
      const walker = document.createTreeWalker(end, NodeFilter.SHOW_TEXT)
      let node: Text | null = null
      while (walker.nextNode()) {
        const candidate = walker.currentNode as Text
        if (candidate.data.includes(endText)) {
          node = candidate
          break
        }
      }
      if (node === null) throw new Error(`"${endText}" not found`)
      const range = document.createRange()
      range.setStart(start.firstChild ?? start, 3)
      range.setEnd(node, node.data.indexOf(endText) + endText.length)
      const selection = document.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
    },
    { startSelector, endSelector, endText },
  )
}
