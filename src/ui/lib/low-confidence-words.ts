/**
 * Words OCR read with low confidence, marked in the reader's text for checking. Painted with the
 * CSS Custom Highlight API (ranges registered under one name, styled by `::highlight(...)`), so
 * the text's DOM, which highlights and anchoring own, is not touched; a whole-word match of each
 * word recorded at import (the article keeps the words, not their places: cleaning and edits move
 * text, and the words stay findable).
 */
export const LOW_CONFIDENCE_HIGHLIGHT = 'ocr-low-confidence'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')
}

export function markLowConfidenceWords(body: HTMLElement, words: readonly string[]): number {
  const registry = (globalThis.CSS as { highlights?: HighlightRegistry } | undefined)?.highlights
  if (registry === undefined) return 0
  if (words.length === 0) {
    registry.delete(LOW_CONFIDENCE_HIGHLIGHT)
    return 0
  }
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu')
  const ranges: Range[] = []
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.nodeValue ?? ''
    for (const match of text.matchAll(pattern)) {
      const range = document.createRange()
      range.setStart(node, match.index)
      range.setEnd(node, match.index + match[0].length)
      ranges.push(range)
    }
  }
  registry.set(LOW_CONFIDENCE_HIGHLIGHT, new Highlight(...ranges))
  return ranges.length
}
