import DOMPurify from 'dompurify'
import { markdownToSafeHtml, type Sanitizer } from '../../common/markdown/safe-html'

/** The renderer's one way to turn Markdown into HTML: marked, then DOMPurify on this window. */
export function renderMarkdown(markdown: string): string {
  return markdownToSafeHtml(markdown, DOMPurify as unknown as Sanitizer)
}
