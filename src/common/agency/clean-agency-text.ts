import type { Block, Caption, PartialDate, RemovedPassage } from '../model/article'
import { normalizeLine } from '../text/normalize'
import {
  creditLineSource,
  datelineSource,
  isAltTextLine,
  isBracketLink,
  isPhotoCaption,
  isTrailingBoilerplateStart,
  looksLikeLinkTitle,
  looksLikeTitle,
  overlappingTitle,
  parseDateHeader,
  relatedLabel,
  sameTitle,
  splitAltPrefix,
  splitEndMark,
} from './agency-patterns'
import { textToSourceBlocks, type SourceBlock } from './source-block'

/**
 * Cleaning of news-agency text (the shape of TTXVN / Vietnam+ reports, and of VNA and EFE
 * wires in English and Spanish).
 *
 * Such text starts with an optional `date YYYY-MM[-DD]` header, then a title line, a lead, and
 * paragraphs interleaved with photo captions ("… (Ảnh: TTXVN phát)"), sometimes preceded by the
 * photo's alt text ("<title> ảnh 1<caption>"), and bracketed links to related stories. The story
 * ends with the mark "/."; a credit line such as "(TTXVN/Vietnam+)" and boilerplate ("Tin cùng
 * chuyên mục" and teasers of other stories) may follow.
 *
 * Nothing is dropped: captions are returned separately and every removed line is listed in
 * `removed` with the reason and its position (`afterBlock`: the index of the body block it came
 * after, -1 before the first), so that the UI can show and undo each step (see cleaning-steps.ts).
 * The date header and the title line become metadata (`published`, `title`) rather than removals.
 */
export interface CleanedText {
  readonly title: string | null
  /** Where the title came from: document metadata, a heading, or a headline-like first line. */
  readonly titleFrom: TitleSource | null
  readonly published: PartialDate | null
  readonly source: string | null
  readonly blocks: Block[]
  readonly captions: Caption[]
  readonly removed: RemovedPassage[]
}

export type TitleSource = 'metadata' | 'heading' | 'line'

/** What a reader learnt from the document itself (HTML meta tags, Markdown front matter). */
export interface CleaningHints {
  /** The document's title; a first heading or line repeating it is taken out of the body. */
  readonly title?: string | null
  /** The publication date; a `date` header line of finer precision refines it. */
  readonly published?: PartialDate | null
  /** An explicit source (front matter): wins over credit lines. */
  readonly source?: string | null
  /** The site's name: used when the text names no source. */
  readonly siteName?: string | null
}

export function cleanAgencyText(raw: string, hints: CleaningHints = {}): CleanedText {
  return cleanAgencyBlocks(textToSourceBlocks(raw), hints)
}

/** A finer date from the text refines the metadata's date when they agree. */
function pickDate(fromMeta: PartialDate | null, fromHeader: PartialDate | null): PartialDate | null {
  if (fromMeta === null) return fromHeader
  if (fromHeader !== null && fromHeader.startsWith(fromMeta)) return fromHeader
  return fromMeta
}

function nonEmpty(value: string | null | undefined): string | null {
  const line = normalizeLine(value ?? '')
  return line === '' ? null : line
}

export function cleanAgencyBlocks(input: readonly SourceBlock[], hints: CleaningHints = {}): CleanedText {
  const queue: SourceBlock[] = [...input]

  let headerDate: PartialDate | null = null
  const first = queue[0]
  const header = first === undefined ? null : parseDateHeader(first.text)
  if (first !== undefined && header !== null) {
    headerDate = header.published
    if (header.rest === '') queue.shift()
    else queue[0] = { kind: first.kind, text: header.rest }
  }

  let title = nonEmpty(hints.title)
  let titleFrom: TitleSource | null = title === null ? null : 'metadata'
  if (title !== null) {
    // The page's own headline usually repeats the metadata title (which may carry the site's name
    // too): keep one, in the page's wording.
    const index = queue.findIndex((block) => block.kind === 'heading' || block.kind === 'paragraph')
    const candidate = queue[index]
    if (candidate !== undefined && (sameTitle(candidate.text, title) || (candidate.kind === 'heading' && overlappingTitle(candidate.text, title)))) {
      title = candidate.text
      queue.splice(index, 1)
    }
  }

  const blocks: Block[] = []
  const captions: Caption[] = []
  const removed: RemovedPassage[] = []
  let creditSource: string | null = null
  let datelineAgency: string | null = null
  let afterEndMark = false
  let inBoilerplate = false
  let inRelatedList = false

  const remove = (kind: RemovedPassage['kind'], text: string) => removed.push({ kind, text, afterBlock: blocks.length - 1 })
  const caption = (text: string) => captions.push({ text, afterBlock: blocks.length - 1 })

  for (let i = 0; i < queue.length; i++) {
    const block = queue[i]!
    const line = block.text
    const isText = block.kind === 'paragraph' || block.kind === 'heading'

    if (inBoilerplate) {
      remove('trailing-boilerplate', line)
      continue
    }
    if (isText && blocks.length > 0 && isTrailingBoilerplateStart(line)) {
      inBoilerplate = true
      remove('trailing-boilerplate', line)
      continue
    }
    const credit = block.kind === 'paragraph' ? creditLineSource(line) : null
    if (credit !== null) {
      creditSource ??= credit
      remove('credit-line', line)
      continue
    }
    if (afterEndMark) {
      remove('after-end-mark', line)
      continue
    }
    if (block.kind === 'link' || isBracketLink(line)) {
      remove('related-link', line)
      continue
    }
    if (inRelatedList) {
      if (block.kind === 'paragraph' && looksLikeLinkTitle(line) && !isPhotoCaption(line)) {
        remove('related-link', line)
        continue
      }
      inRelatedList = false
    }
    const label = isText ? relatedLabel(line) : null
    if (label !== null) {
      remove('related-link', line)
      inRelatedList = label.alone
      continue
    }
    if (block.kind === 'image-alt') {
      remove('photo-alt-text', line)
      continue
    }
    if (block.kind === 'caption') {
      caption(line)
      continue
    }
    const alt = splitAltPrefix(line, title)
    if (alt !== null) {
      remove('photo-alt-text', alt.alt)
      if (alt.rest !== '') caption(alt.rest)
      continue
    }
    if (isPhotoCaption(line)) {
      caption(line)
      continue
    }
    if (isAltTextLine(line, title, queue[i + 1]?.text ?? null)) {
      remove('photo-alt-text', line)
      continue
    }
    if (title === null && blocks.length === 0 && (block.kind === 'heading' || looksLikeTitle(line))) {
      title = line
      titleFrom = block.kind === 'heading' ? 'heading' : 'line'
      continue
    }
    const kind = block.kind === 'heading' ? 'heading' : 'paragraph'
    const end = splitEndMark(line)
    if (end !== null) {
      if (end.last !== '') blocks.push({ kind, text: end.last })
      afterEndMark = true
      if (end.after !== '') queue.splice(i + 1, 0, { kind: 'paragraph', text: end.after })
      continue
    }
    if (blocks.length === 0) datelineAgency = datelineSource(line)
    blocks.push({ kind, text: line })
  }

  return {
    title,
    titleFrom,
    published: pickDate(hints.published ?? null, headerDate),
    source: nonEmpty(hints.source) ?? creditSource ?? datelineAgency ?? nonEmpty(hints.siteName),
    blocks,
    captions,
    removed,
  }
}
