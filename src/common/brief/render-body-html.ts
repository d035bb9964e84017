import { escapedMarkdownToSafeHtml, markdownToSafeHtml, type Sanitizer } from '../markdown/safe-html'
import type { Brief } from '../model/brief'
import { briefBlocks, type BriefBlock, type MarkdownOptions } from './render-markdown'

/**
 * The brief's body (the Markdown export without its front matter) as sanitised HTML, for the live
 * preview and the HTML and PDF exports alike. Each block is rendered on its own (marked, then
 * DOMPurify for the user's Markdown), so markup the user left open in a section (`<table>`,
 * `<style>`, `<!--`) is closed at the end of that section and cannot hide what follows. The
 * blocks built from escaped text skip DOMPurify when marked's tokens prove them free of markup
 * (safe-html.ts): DOMPurify over jsdom is what made a 200-passage export take seconds. Text is NFC
 * so that every Vietnamese letter is one code point, in the PDF's text layer too.
 */
/**
 * The classes the export's and the preview's styles address: the marking line by its class, never
 * by its position (a `p:last-child` rule also caught the last footnote of a brief without marking),
 * and a passage's comment.
 */
const ROLE_CLASSES: Record<NonNullable<BriefBlock['role']>, string> = { marking: 'brief-marking', comment: 'passage-comment' }

export function renderBriefBodyHtml(brief: Brief, options: MarkdownOptions, purify: Sanitizer): string {
  return briefBlocks(brief, options)
    .map((block) => {
      const markdown = block.markdown.normalize('NFC')
      const html = block.source === 'user-markdown' ? markdownToSafeHtml(markdown, purify) : escapedMarkdownToSafeHtml(markdown, purify)
      return block.role === undefined ? html : `<div class="${ROLE_CLASSES[block.role]}">${html}</div>`
    })
    .join('')
}
