/**
 * A section's body is the user's own Markdown and stays Markdown. It is only contained, so that
 * it cannot change what follows it in the export: line breaks become "\n", blank lines around it
 * are trimmed, and a fenced code block left open is closed at the end of the body (an open fence
 * would otherwise turn the rest of the brief, citations included, into code).
 *
 * Limits: fences are tracked at the top level only (a fence inside a list item or block quote is
 * not followed), and an unclosed raw HTML block (`<pre>`, `<!--`) is left as written; the
 * preview shows such a body as the export will render it.
 */
const OPENING_FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/

export function containUserMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?|[\u2028\u2029]/g, '\n').split('\n')
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift()
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop()
  let open: string | null = null
  for (const line of lines) {
    if (open === null) {
      open = OPENING_FENCE.exec(line)?.[1] ?? null
    } else {
      const fence = CLOSING_FENCE.exec(line)?.[1]
      if (fence !== undefined && fence.charAt(0) === open.charAt(0) && fence.length >= open.length) open = null
    }
  }
  if (open !== null) lines.push(open)
  return lines.join('\n')
}
