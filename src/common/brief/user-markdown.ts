/**
 * A section's body is the user's own Markdown and stays Markdown. It is only contained, so that
 * it cannot change what follows it in the export: line breaks become "\n", blank lines around it
 * are trimmed, and a block left open is closed at the end of the body:
 * - a fenced code block (an open fence would turn the rest of the brief, citations included,
 *   into code);
 * - a raw HTML block that CommonMark ends only at its closing text, not at a blank line
 *   (`<pre>`, `<script>`, `<style>`, `<textarea>`, `<!--`, `<?`, `<!DOCTYPE`, `<![CDATA[`):
 *   left open, any CommonMark tool would pass the rest of the Markdown export through as HTML.
 *
 * The app's preview and the HTML and PDF exports render each section on its own besides
 * (render-body-html.ts), so what the user leaves open there, inline HTML included, ends with the
 * section. Limits: blocks are tracked at the top level only (not inside a list item or a block
 * quote); what a raw HTML block holds stays inside it, in the section.
 */
const OPENING_FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/

/** CommonMark's HTML blocks of kinds 1 to 5: how each starts, and the text that ends it. */
const RAW_HTML_BLOCKS: readonly { readonly start: RegExp; readonly end: (opening: RegExpExecArray) => string }[] = [
  { start: /^ {0,3}<(pre|script|style|textarea)(?=[ \t>]|$)/i, end: (opening) => `</${(opening[1] ?? '').toLowerCase()}>` },
  { start: /^ {0,3}<!--/, end: () => '-->' },
  { start: /^ {0,3}<\?/, end: () => '?>' },
  { start: /^ {0,3}<![A-Za-z]/, end: () => '>' },
  { start: /^ {0,3}<!\[CDATA\[/, end: () => ']]>' },
]

type OpenBlock = { readonly kind: 'fence'; readonly fence: string } | { readonly kind: 'html'; readonly end: string }

/** The block a line opens (when it does not also close it), or null. */
function opens(line: string): OpenBlock | null {
  const fence = OPENING_FENCE.exec(line)?.[1]
  if (fence !== undefined) return { kind: 'fence', fence }
  // CDATA before the `<!` + letter rule would never match it: check the longer opening first.
  for (const block of [...RAW_HTML_BLOCKS].reverse()) {
    const opening = block.start.exec(line)
    if (opening === null) continue
    const end = block.end(opening)
    return closesHtml(line.slice(opening[0].length), end) ? null : { kind: 'html', end }
  }
  return null
}

function closesHtml(line: string, end: string): boolean {
  // Kind 1 ends at any of the four closing tags, whichever element opened it.
  return end.startsWith('</') ? /<\/(?:pre|script|style|textarea)>/i.test(line) : line.includes(end)
}

function closes(block: OpenBlock, line: string): boolean {
  if (block.kind === 'html') return closesHtml(line, block.end)
  const fence = CLOSING_FENCE.exec(line)?.[1]
  return fence !== undefined && fence.charAt(0) === block.fence.charAt(0) && fence.length >= block.fence.length
}

export function containUserMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?|[\u2028\u2029]/g, '\n').split('\n')
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift()
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop()
  let open: OpenBlock | null = null
  for (const line of lines) {
    if (open === null) open = opens(line)
    else if (closes(open, line)) open = null
  }
  if (open !== null) lines.push(open.kind === 'fence' ? open.fence : open.end)
  return lines.join('\n')
}
