import { Parser, type Node } from 'commonmark'

/**
 * Reading Markdown back with an independent CommonMark implementation (commonmark.js, the
 * reference implementation; the app itself renders with marked).
 */
export function parseCommonMark(markdown: string): Node {
  return new Parser().parse(markdown)
}

/** The text a reader sees in `node`: soft and hard breaks as "\n", paragraphs "\n\n" apart. */
export function textOf(node: Node): string {
  if (node.type === 'text' || node.type === 'code' || node.type === 'html_inline' || node.type === 'html_block' || node.type === 'code_block') {
    return node.literal ?? ''
  }
  if (node.type === 'softbreak' || node.type === 'linebreak') return '\n'
  const parts: string[] = []
  for (let child = node.firstChild; child !== null; child = child.next) parts.push(textOf(child))
  const separator = node.type === 'block_quote' || node.type === 'document' || node.type === 'item' || node.type === 'list' ? '\n\n' : ''
  return parts.join(separator)
}

/** The types of every node under `node` (itself included). */
export function nodeTypes(node: Node): Set<string> {
  const types = new Set<string>()
  const walker = node.walker()
  for (let event = walker.next(); event !== null; event = walker.next()) types.add(event.node.type)
  return types
}

/** The children of `node`, in order. */
export function childrenOf(node: Node): Node[] {
  const children: Node[] = []
  for (let child = node.firstChild; child !== null; child = child.next) children.push(child)
  return children
}

/**
 * What literal text should read as once rendered: tabs as spaces, each line trimmed, runs of blank
 * lines as one (paragraph breaks), no blank lines at either end. HTML collapses the rest.
 */
export function expectedText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '')
}
