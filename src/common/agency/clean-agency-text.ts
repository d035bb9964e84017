import type { Block, Caption, PartialDate, RemovedPassage } from '../model/article'
import { normalizeText } from '../text/normalize'

/**
 * Cleaning of news-agency text pasted from a web page (the shape of TTXVN / Vietnam+ reports).
 *
 * Such text starts with an optional `date YYYY-MM[-DD]` header, then a title line, a lead, and
 * paragraphs interleaved with photo captions ("… (Ảnh: TTXVN phát)"), sometimes preceded by the
 * photo's alt text ("<title> ảnh 1<caption>"), and bracketed links to related stories. The story
 * ends with the mark "/."; a credit line such as "(TTXVN/Vietnam+)" and boilerplate ("Tin cùng
 * chuyên mục" and teasers of other stories) may follow.
 *
 * Nothing is dropped: captions are returned separately and every removed line is listed in
 * `removed` with the reason and its position, so that the UI can show and undo each step.
 */
export interface CleanedText {
  readonly title: string | null
  readonly published: PartialDate | null
  readonly source: string | null
  readonly blocks: Block[]
  readonly captions: Caption[]
  readonly removed: RemovedPassage[]
}

const DATE_HEADER = /^date\s+(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b\s*(.*)$/iu
const PHOTO_CREDIT = /\((?:ảnh|anh|photo|foto|nguồn ảnh)\s*:[^()]*\)\s*$/iu
// "<alt text> ảnh 1<caption>": the alt text repeats the title and runs straight into the caption.
const PHOTO_ALT_PREFIX = /^(.*?\s(?:ảnh|photo)\s\d+)(?=\S)(.+)$/iu
const RELATED_LINK = /^\[[^[\]]+\]$/u
const CREDIT_LINE = /^\(([^()]{2,60})\)$/u
const BOILERPLATE_START = /^(tin cùng chuyên mục|tin liên quan|tin khác|xem thêm|related news|read more|noticias relacionadas)\b/iu
const END_MARK = /\s*\/\.\s*$/u
const SENTENCE_END = /[.!?…:;]["'”’)]*$/u
const MAX_TITLE_LENGTH = 200

function parseDateHeader(line: string): { published: PartialDate | null; rest: string } | null {
  const match = DATE_HEADER.exec(line)
  if (!match) return null
  const [, year, month, day, rest = ''] = match
  const monthOk = month === undefined || (Number(month) >= 1 && Number(month) <= 12)
  const dayOk = day === undefined || (Number(day) >= 1 && Number(day) <= 31)
  const published = monthOk && dayOk ? [year, month, day].filter((part) => part !== undefined).join('-') : null
  return { published, rest }
}

function looksLikeTitle(line: string): boolean {
  return line.length <= MAX_TITLE_LENGTH && !SENTENCE_END.test(line)
}

export function cleanAgencyText(raw: string): CleanedText {
  const lines = normalizeText(raw)
    .split('\n')
    .filter((line) => line !== '')

  let published: PartialDate | null = null
  const header = lines[0] === undefined ? null : parseDateHeader(lines[0])
  if (header) {
    published = header.published
    if (header.rest === '') lines.shift()
    else lines[0] = header.rest
  }

  let title: string | null = null
  let source: string | null = null
  const blocks: Block[] = []
  const captions: Caption[] = []
  const removed: RemovedPassage[] = []
  let afterEndMark = false
  let inBoilerplate = false

  const remove = (kind: RemovedPassage['kind'], text: string) =>
    removed.push({ kind, text, afterBlock: blocks.length - 1 })

  for (const line of lines) {
    if (inBoilerplate || BOILERPLATE_START.test(line)) {
      inBoilerplate = true
      remove('trailing-boilerplate', line)
      continue
    }
    const credit = CREDIT_LINE.exec(line)
    if (credit?.[1] !== undefined && !PHOTO_CREDIT.test(line)) {
      source ??= credit[1].trim()
      remove('credit-line', line)
      continue
    }
    if (afterEndMark) {
      remove('after-end-mark', line)
      continue
    }
    if (RELATED_LINK.test(line)) {
      remove('related-link', line)
      continue
    }
    if (PHOTO_CREDIT.test(line)) {
      const alt = PHOTO_ALT_PREFIX.exec(line)
      if (alt?.[1] !== undefined && alt[2] !== undefined) {
        remove('photo-alt-text', alt[1])
        captions.push({ text: alt[2].trim(), afterBlock: blocks.length - 1 })
      } else {
        captions.push({ text: line, afterBlock: blocks.length - 1 })
      }
      continue
    }
    if (title === null && blocks.length === 0 && looksLikeTitle(line)) {
      title = line
      continue
    }
    if (END_MARK.test(line)) {
      afterEndMark = true
      const text = line.replace(END_MARK, '')
      if (text !== '') blocks.push({ kind: 'paragraph', text: SENTENCE_END.test(text) ? text : `${text}.` })
      continue
    }
    blocks.push({ kind: 'paragraph', text: line })
  }

  return { title, published, source, blocks, captions, removed }
}
