import DOMPurify from 'dompurify'
import { renderBriefBodyHtml } from '../../common/brief/render-body-html'
import type { MarkdownOptions } from '../../common/brief/render-markdown'
import { markdownToSafeHtml, type Sanitizer } from '../../common/markdown/safe-html'
import type { Brief } from '../../common/model/brief'

const purify = DOMPurify as unknown as Sanitizer

/** The renderer's one way to turn Markdown into HTML: marked, then DOMPurify on this window. */
export function renderMarkdown(markdown: string): string {
  return markdownToSafeHtml(markdown, purify)
}

/** A brief's body as the HTML and PDF exports render it: block by block, each sanitised on its own. */
export function renderBriefHtml(brief: Brief, options: MarkdownOptions): string {
  return renderBriefBodyHtml(brief, options, purify)
}
