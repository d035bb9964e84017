import { textToSourceBlocks } from '../../common/agency/source-block'
import { AppError } from '../../common/errors'
import { articleFromDraft } from './draft-to-article'
import { emptyDraft, type ImportDraft } from './draft'
import type { ImportOutcome } from './import-file'
import { htmlFragmentDraft } from './read-html'

/**
 * A paste: plain text and/or HTML from the clipboard.
 *
 * The HTML carries structure the plain text has lost (headings, figure captions, which paragraph is
 * a link), so it is preferred, as long as it holds at least half as much text as the plain
 * version: some applications put a thin or broken HTML flavour on the clipboard, and then the
 * plain text is the better witness. Clipboard text is already a string: no decoding, but the same
 * NFC normalisation and cleaning as files.
 */
export interface ImportTextOptions {
  readonly html?: string | null
  readonly now: Date
}

function textLength(draft: ImportDraft): number {
  return draft.blocks.reduce((sum, block) => sum + block.text.length, 0)
}

export function importText(text: string, options: ImportTextOptions): ImportOutcome {
  const plain = emptyDraft('paste-text', null, textToSourceBlocks(text))
  const html = options.html ? htmlFragmentDraft(options.html) : null
  const draft = html !== null && textLength(html) > 0 && textLength(html) >= textLength(plain) * 0.5 ? html : plain
  if (draft.blocks.length === 0) return { ok: false, file: null, error: new AppError('import.pasteEmpty') }
  const built = articleFromDraft(draft, { origin: { kind: 'paste', name: null }, importedAt: options.now })
  if (built === null) return { ok: false, file: null, error: new AppError('import.pasteEmpty') }
  return { ok: true, file: null, article: built.article, encoding: null, format: draft.format, titleFrom: built.titleFrom }
}
