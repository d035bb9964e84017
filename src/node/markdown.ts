import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'
import { markdownToSafeHtml, sanitizeHtml, type Sanitizer } from '../common/markdown/safe-html'

/** DOMPurify bound to one jsdom window, made on first use (jsdom is slow to start). */
let purify: Sanitizer | null = null

/** DOMPurify bound to jsdom, for code that renders Markdown itself (brief exports: render-body-html.ts). */
export function nodeSanitizer(): Sanitizer {
  purify ??= createDOMPurify(new JSDOM('').window) as unknown as Sanitizer
  return purify
}

/** Markdown → sanitised HTML in Node (exports), with the same policy as the renderer. */
export function renderMarkdownInNode(markdown: string): string {
  return markdownToSafeHtml(markdown, nodeSanitizer())
}

export function sanitizeHtmlInNode(html: string): string {
  return sanitizeHtml(html, nodeSanitizer())
}
