import { Marked } from 'marked'
import { footnotes } from './footnotes'

/**
 * Markdown written by the user (notes, brief sections) or taken from articles becomes HTML here,
 * and only here. marked is not a sanitiser: its output always goes through DOMPurify, bound by the
 * caller to a real DOM (the renderer's window, or jsdom in Node for exports). This module holds
 * the policy; it knows nothing of where the DOM comes from.
 */

/** The part of DOMPurify this module uses (structural, so src/common needs no DOM types). */
export interface Sanitizer {
  sanitize(dirty: string, config: Record<string, unknown>): unknown
  addHook(entry: 'afterSanitizeAttributes', hook: (node: SanitizedNode) => void): void
}

export interface SanitizedNode {
  readonly nodeName: string
  getAttribute(name: string): string | null
  setAttribute(name: string, value: string): void
  removeAttribute(name: string): void
}

/** Links may point to the web or to mail (opened outside the app, after confirmation) or within the page. */
const SAFE_LINK = /^(?:https?:|mailto:|#)/i
/** Images only from inside the document: nothing is ever fetched from the network. */
const SAFE_IMAGE = /^(?:data:image\/(?:png|jpeg|gif|webp);base64,|blob:)/i

const POLICY = {
  USE_PROFILES: { html: true },
  // Media elements are dropped too: their src, poster and tracks would be fetched from anywhere.
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'svg', 'math', 'video', 'audio', 'source', 'track', 'template'],
  // background (on table, td, body) and poster are URLs the browser fetches without asking.
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href', 'ping', 'background', 'poster'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_TRUSTED_TYPE: false,
}

const hooked = new WeakSet<Sanitizer>()

function installHooks(purify: Sanitizer): void {
  if (hooked.has(purify)) return
  hooked.add(purify)
  purify.addHook('afterSanitizeAttributes', (node) => {
    const name = node.nodeName.toLowerCase()
    if (name === 'a') {
      const href = node.getAttribute('href')
      if (href !== null && !SAFE_LINK.test(href.trim())) node.removeAttribute('href')
      node.removeAttribute('target')
      if (node.getAttribute('href') !== null) node.setAttribute('rel', 'noopener noreferrer')
    }
    if (name === 'img') {
      const src = node.getAttribute('src')
      if (src !== null && !SAFE_IMAGE.test(src.trim())) node.removeAttribute('src')
    }
  })
}

const marked = new Marked({ gfm: true, breaks: false, async: false }, footnotes)

/** Markdown → sanitised HTML, safe for innerHTML. */
export function markdownToSafeHtml(markdown: string, purify: Sanitizer): string {
  installHooks(purify)
  const html = marked.parse(markdown) as string
  return String(purify.sanitize(html, POLICY))
}

/** Any HTML → sanitised HTML under the same policy (e.g. an HTML export assembled by hand). */
export function sanitizeHtml(html: string, purify: Sanitizer): string {
  installHooks(purify)
  return String(purify.sanitize(html, POLICY))
}

/**
 * Token kinds marked prints with every character of their text escaped and no attribute but the
 * ones it makes itself: what Markdown built from escaped text (escape-markdown.ts) is made of.
 * Raw HTML (`html`), links and images (whose href comes from the source, and which the sanitiser's
 * hook gives a rel) and any kind an extension may add are missing on purpose.
 */
const ESCAPED_KINDS = new Set([
  'space', 'paragraph', 'text', 'escape', 'strong', 'em', 'del', 'codespan', 'code', 'br', 'hr',
  'heading', 'blockquote', 'list', 'list_item', 'table', 'footnoteReference', 'footnoteDefinition',
])


/**
 * Markdown that our own code built from escaped text (the brief's headings, passages, key figures,
 * sources and footnotes) → HTML safe for innerHTML. Such Markdown holds no raw HTML, so marked's
 * output (which escapes all text) needs no sanitiser; DOMPurify over jsdom costs about 10 µs per
 * element in Node, seconds for a 200-passage brief. That it holds none is checked, not assumed:
 * if any token is of a kind that could carry markup or a link (a bare e-mail address makes one),
 * the HTML goes through DOMPurify after all, so a gap in the escaping costs time, never safety.
 */
export function escapedMarkdownToSafeHtml(markdownMd: string, purify: Sanitizer): string {
  const tokens = marked.lexer(markdownMd)
  let plain = true
  marked.walkTokens(tokens, (token) => {
    if (!ESCAPED_KINDS.has(token.type)) plain = false
  })
  const html = marked.parser(tokens)
  return plain ? html : sanitizeHtml(html, purify)
}
