import { describe, expect, it } from 'vitest'
import { passageFromAnnotation, quoteStartsMidSentence } from '../../src/common/brief/passage-from-annotation'
import { briefBlocks, renderBriefMarkdown } from '../../src/common/brief/render-markdown'
import type { Brief, PassageItem } from '../../src/common/model/brief'
import { childrenOf, parseCommonMark, textOf } from './commonmark-text'
import { GENERATED_AT } from './fixtures'
import { annotationOn, articleWith, briefWith, counterIds } from './records'

/**
 * What a brief prints around its passages: the highlight's note as the author's comment under its
 * passage (on by default, switchable per passage and per brief), an ellipsis before a quote that
 * begins inside a sentence, and no heading for a section left empty unless it is kept on purpose.
 */
const NOTE = 'Peru muốn thỏa thuận viễn thông – cơ hội cho **Viettel/Bitel**'

const article = articleWith({
  id: 'b2c3d4e5f6071829',
  title: 'Thương mại Việt Nam – Peru',
  source: 'TTXVN',
  published: '2023-04-25',
  paragraphs: ['Năm 2022, kim ngạch trao đổi hàng hóa giữa hai nước đạt khoảng 600 triệu USD.', 'Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.'],
})

function passage(exact: string, note: string): PassageItem {
  const annotation = { ...annotationOn(article, exact, { id: 'an_00000000000000c1', tags: [] }), note }
  return passageFromAnnotation(annotation, article, counterIds())
}

function brief(items: PassageItem[], extra: Partial<Brief> = {}): Brief {
  return briefWith({ id: 'br_00000000000000c1', title: 'Peru', sections: [{ id: 'sc_00000000000000c1', heading: 'Viễn thông', body: '', items }], at: GENERATED_AT, ...extra })
}

const render = (brief: Brief, locale: 'en' | 'vi' = 'vi') => renderBriefMarkdown(brief, { locale, generatedAt: GENERATED_AT })

describe('the highlight’s note as the author’s comment', () => {
  it('travels with the passage when it is added, and prints right under its quote, labelled, as Markdown', () => {
    const item = passage('Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.', `  ${NOTE}\n`)
    expect(item.note).toBe(NOTE)
    const top = childrenOf(parseCommonMark(render(brief([item]))))
    const quote = top.findIndex((node) => node.type === 'block_quote')
    const comment = top[quote + 1]!
    expect(comment.type).toBe('paragraph')
    expect(textOf(comment)).toBe('Nhận xét của người soạn: Peru muốn thỏa thuận viễn thông – cơ hội cho Viettel/Bitel')
    // The author's Markdown stays Markdown: the bold survives.
    expect(render(brief([item]))).toContain('**Nhận xét của người soạn:** Peru muốn thỏa thuận viễn thông – cơ hội cho **Viettel/Bitel**')
    expect(render(brief([item]), 'en')).toContain('**Author’s comment:** Peru muốn')
  })

  it('is left out for one passage, or for the whole brief, when switched off; a passage without a note prints none', () => {
    const item = passage('Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.', NOTE)
    const plain = passage('Năm 2022, kim ngạch', '')
    expect(plain.note).toBeUndefined()
    expect(render(brief([{ ...item, showNote: false }, plain]))).not.toContain('Nhận xét')
    expect(render(brief([item, plain], { showNotes: false }))).not.toContain('Nhận xét')
    expect(render(brief([item, plain])).match(/Nhận xét/g)).toHaveLength(1)
  })

  it('is its own block in the HTML, marked as a comment, so a note cannot run into the next passage', () => {
    const item = passage('Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.', '<table><tr><td>open')
    const blocks = briefBlocks(brief([item, passage('Năm 2022, kim ngạch', '')]), { locale: 'en', generatedAt: GENERATED_AT })
    const comment = blocks.find((block) => block.role === 'comment')
    expect(comment).toMatchObject({ source: 'user-markdown' })
    expect(blocks.indexOf(comment!)).toBeLessThan(blocks.findIndex((block) => block.markdown.includes('Năm 2022')))
  })
})

describe('an ellipsis before a quote that begins inside a sentence', () => {
  it('is decided from the article’s text before the quote when the passage is added', () => {
    expect(quoteStartsMidSentence('Năm 2022, ')).toBe(true)
    expect(quoteStartsMidSentence('tại Peru. ')).toBe(false)
    expect(quoteStartsMidSentence('hai nước.\n\n')).toBe(false)
    expect(quoteStartsMidSentence('')).toBe(false)
    expect(quoteStartsMidSentence('ông nói: “')).toBe(false)
    expect(passage('kim ngạch trao đổi hàng hóa', '').startsMidSentence).toBe(true)
    expect(passage('Bitel hiện phục vụ', '').startsMidSentence).toBe(false)
  })

  it('prints "…" before a cut quote only, never before a paraphrase', () => {
    const cut = passage('kim ngạch trao đổi hàng hóa giữa hai nước đạt khoảng 600 triệu USD.', '')
    const whole = passage('Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.', '')
    const markdown = render(brief([cut, whole]))
    expect(markdown).toContain('> …kim ngạch trao đổi hàng hóa')
    expect(markdown).toContain('> Bitel hiện phục vụ')
    expect(render(brief([{ ...cut, mode: 'paraphrase', paraphrase: 'Thương mại đạt 600 triệu USD.' }]))).not.toContain('…')
  })

  it('falls back to the quote’s first letter for a passage added before that was recorded', () => {
    const { startsMidSentence: _, ...old } = passage('kim ngạch trao đổi hàng hóa', '')
    expect(render(brief([old]))).toContain('> …kim ngạch')
    const { startsMidSentence: __, ...capital } = passage('Bitel hiện phục vụ', '')
    expect(render(brief([capital]))).not.toContain('…')
  })
})

describe('empty sections', () => {
  it('are left out of the export, unless kept on purpose; a section with text or passages stays', () => {
    const item = passage('Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.', '')
    const sections = [
      { id: 'sc_00000000000000d1', heading: 'Mục tiêu', body: '  \n', items: [] },
      { id: 'sc_00000000000000d2', heading: 'Các ý cần nêu', body: 'Một ý.', items: [] },
      { id: 'sc_00000000000000d3', heading: 'Viễn thông', body: '', items: [item] },
      { id: 'sc_00000000000000d4', heading: 'Nếu được hỏi', body: '', items: [], keepWhenEmpty: true },
      { id: 'sc_00000000000000d5', heading: 'Những điểm cần tránh', body: '', items: [] },
    ]
    const headings = [...render({ ...brief([]), sections }).matchAll(/^## (.+)$/gm)].map((match) => match[1])
    expect(headings).toEqual(['Các ý cần nêu', 'Viễn thông', 'Nếu được hỏi', 'Số liệu chính', 'Nguồn tham khảo'])
  })
})
