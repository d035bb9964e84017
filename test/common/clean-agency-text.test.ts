import { describe, expect, it } from 'vitest'
import { cleanAgencyText } from '../../src/common/agency/clean-agency-text'

// A report written for this test in the shape agency pages paste as: a date header running into a
// photo caption, a title, alt text glued to a caption, a related-story link, the end mark, a credit
// line and the "other stories" boilerplate.
const REPORT = [
  'date 2025-03-14 Toàn cảnh buổi làm việc tại Lima. (Ảnh: TTXVN phát)',
  '',
  'Việt Nam và Peru bàn hợp tác nông nghiệp',
  '',
  'Hai bên trao đổi về xuất khẩu cà phê và hạt điều.',
  'Việt Nam và Peru bàn hợp tác nông nghiệp ảnh 1Đại diện hai bộ ký biên bản ghi nhớ. (Ảnh: TTXVN phát)',
  '',
  'Kim ngạch nông sản hai chiều tăng 12% trong năm 2024.',
  '',
  '[Peru mở rộng thị trường cho trái cây Việt Nam]',
  '',
  'Hai bên sẽ họp lại vào cuối năm./.',
  '',
  '(TTXVN/Vietnam+)',
  '',
  'Tin cùng chuyên mục',
  '',
  'Triển lãm nông sản tại Hà Nội',
].join('\n')

describe('cleanAgencyText', () => {
  const cleaned = cleanAgencyText(REPORT)

  it('reads the date header, the title and the credit line', () => {
    expect(cleaned.published).toBe('2025-03-14')
    expect(cleaned.title).toBe('Việt Nam và Peru bàn hợp tác nông nghiệp')
    expect(cleaned.source).toBe('TTXVN/Vietnam+')
  })

  it('keeps only the story in the body, and closes it at the end mark', () => {
    expect(cleaned.blocks.map((block) => block.text)).toEqual([
      'Hai bên trao đổi về xuất khẩu cà phê và hạt điều.',
      'Kim ngạch nông sản hai chiều tăng 12% trong năm 2024.',
      'Hai bên sẽ họp lại vào cuối năm.',
    ])
  })

  it('keeps captions apart, placed after the block they follow', () => {
    expect(cleaned.captions).toEqual([
      { text: 'Toàn cảnh buổi làm việc tại Lima. (Ảnh: TTXVN phát)', afterBlock: -1 },
      { text: 'Đại diện hai bộ ký biên bản ghi nhớ. (Ảnh: TTXVN phát)', afterBlock: 0 },
    ])
  })

  it('records everything it removed, with the reason', () => {
    expect(cleaned.removed).toEqual([
      { kind: 'photo-alt-text', text: 'Việt Nam và Peru bàn hợp tác nông nghiệp ảnh 1', afterBlock: 0 },
      { kind: 'related-link', text: '[Peru mở rộng thị trường cho trái cây Việt Nam]', afterBlock: 1 },
      { kind: 'credit-line', text: '(TTXVN/Vietnam+)', afterBlock: 2 },
      { kind: 'trailing-boilerplate', text: 'Tin cùng chuyên mục', afterBlock: 2 },
      { kind: 'trailing-boilerplate', text: 'Triển lãm nông sản tại Hà Nội', afterBlock: 2 },
    ])
  })

  it('treats text after the end mark as not part of the story', () => {
    const result = cleanAgencyText('Tiêu đề\n\nĐoạn một./.\n\nMột tin khác được giới thiệu ở cuối trang.')
    expect(result.blocks.map((block) => block.text)).toEqual(['Đoạn một.'])
    expect(result.removed).toEqual([
      { kind: 'after-end-mark', text: 'Một tin khác được giới thiệu ở cuối trang.', afterBlock: 0 },
    ])
  })

  it('accepts a month-precision date and decomposed (NFD) input', () => {
    const result = cleanAgencyText('date 2024-10\nTiêu đề\n\nNội dung bài.'.normalize('NFD'))
    expect(result.published).toBe('2024-10')
    expect(result.title).toBe('Tiêu đề')
    expect(result.blocks).toEqual([{ kind: 'paragraph', text: 'Nội dung bài.' }])
  })

  it('does not take a sentence for a title', () => {
    const result = cleanAgencyText('Ngày 3/10, hai bên đã gặp nhau tại Lima.\n\nĐoạn thứ hai.')
    expect(result.title).toBeNull()
    expect(result.blocks).toHaveLength(2)
  })

  it('refuses an impossible date rather than guessing', () => {
    expect(cleanAgencyText('date 2024-13-40\nTiêu đề\n\nNội dung.').published).toBeNull()
  })

  it('returns no blocks for empty input', () => {
    expect(cleanAgencyText('  \n\n ').blocks).toEqual([])
  })
})
