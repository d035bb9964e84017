import DOMPurify from 'dompurify'
import { renderBriefingBodyHtml } from '../../common/briefing/render-body-html'
import type { MarkdownOptions } from '../../common/briefing/render-markdown'
import { markdownToSafeHtml, type Sanitizer } from '../../common/markdown/safe-html'
import type { Briefing } from '../../common/model/briefing'

const purify = DOMPurify as unknown as Sanitizer

/** The renderer's one way to turn Markdown into HTML: marked, then DOMPurify on this window. */
export function renderMarkdown(markdown: string): string {
  return markdownToSafeHtml(markdown, purify)
}

/** A brief's body as the HTML and PDF exports render it: block by block, each sanitised on its own. */
export function renderBriefingHtml(briefing: Briefing, options: MarkdownOptions): string {
  return renderBriefingBodyHtml(briefing, options, purify)
}
