import { normalizeLine, normalizeText } from '../text/normalize'

/**
 * Text as a reader found it, before agency cleaning: one block per paragraph, heading, caption…
 *
 * Readers of structured formats (HTML, Markdown, .docx) know more than a plain-text reader: that a
 * line is a heading, a figure caption, a paragraph made of a single link (a related story), or an
 * image's alt text. They say so with `kind`; the cleaner treats plain-text lines as paragraphs and
 * finds the same things by pattern. Every `text` is one normalised line (NFC, single spaces).
 */
export type SourceBlockKind = 'paragraph' | 'heading' | 'caption' | 'link' | 'image-alt'

export interface SourceBlock {
  readonly kind: SourceBlockKind
  readonly text: string
}

/** A block with normalised text, or null when nothing visible is left. */
export function sourceBlock(kind: SourceBlockKind, text: string): SourceBlock | null {
  const line = normalizeLine(text)
  return line === '' ? null : { kind, text: line }
}

/**
 * Plain text as blocks: every non-empty line is a paragraph. Agency pastes put one paragraph per
 * line and glue captions to the line before with a single line break, so a line, not a blank-line
 * separated run, is the unit.
 */
export function textToSourceBlocks(text: string): SourceBlock[] {
  return normalizeText(text)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => ({ kind: 'paragraph', text: line }))
}
