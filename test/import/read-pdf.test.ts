import { describe, expect, it } from 'vitest'
import { linesToBlocks, type Line } from '../../src/node/import/read-pdf'

/** Lines laid out like a printed page: 11 pt body, 15 pt line step, 26 pt between paragraphs. */
function layout(spec: readonly (readonly [text: string, size?: number, gapBefore?: number, page?: number, right?: number])[]): Line[] {
  let y = 780
  let lastPage = 1
  return spec.map(([text, size = 11, gapBefore = 15, page = 1, right = 520]) => {
    if (page !== lastPage) {
      y = 780
      lastPage = page
    } else {
      y -= gapBefore
    }
    return { text, x: 60, y, right, size, page }
  })
}

describe('PDF lines to paragraphs', () => {
  it('joins wrapped lines, starts paragraphs at larger gaps, and finds headings by size', () => {
    const blocks = linesToBlocks(
      layout([
        ['Việt Nam và Peru mở rộng', 20, 0],
        ['hợp tác viễn thông', 20, 25],
        ['Hai nước nhất trí đưa hợp tác viễn thông, thương mại và giáo dục lên tầm', 11, 30],
        ['cao mới trong quan hệ Việt Nam-', 11, 15],
        ['Peru, với nhiều dự án mới.', 11, 15, 1, 300],
        ['Đoạn thứ hai bắt đầu sau một khoảng trống lớn hơn giữa các đoạn văn.', 11, 26],
        ['Dòng cuối của đoạn thứ hai.', 11, 15, 1, 250],
        ['Đoạn thứ ba không có khoảng trống nhưng dòng trước kết thúc sớm.', 11, 15],
      ]),
    )
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Việt Nam và Peru mở rộng hợp tác viễn thông' },
      { kind: 'paragraph', text: 'Hai nước nhất trí đưa hợp tác viễn thông, thương mại và giáo dục lên tầm cao mới trong quan hệ Việt Nam-Peru, với nhiều dự án mới.' },
      { kind: 'paragraph', text: 'Đoạn thứ hai bắt đầu sau một khoảng trống lớn hơn giữa các đoạn văn. Dòng cuối của đoạn thứ hai.' },
      { kind: 'paragraph', text: 'Đoạn thứ ba không có khoảng trống nhưng dòng trước kết thúc sớm.' },
    ])
  })

  it('keeps a wrapped caption in smaller type together, and agency lines apart', () => {
    const blocks = linesToBlocks(
      layout([
        ['Đoạn mở đầu của bài viết kéo dài tới gần lề phải của trang giấy in', 11, 0],
        ['và kết thúc ở dòng này.', 11, 15, 1, 200],
        ['Học sinh một trường vùng cao của Peru theo dõi bài giảng trực tuyến qua', 9, 24],
        ['mạng Bitel. (Ảnh: TTXVN phát)', 9, 12, 1, 200],
        ['[Bitel đưa Internet tới trường học]', 11, 24, 1, 250],
        ['(TTXVN)', 11, 15, 1, 100],
      ]),
    )
    expect(blocks.map((block) => block.text)).toEqual([
      'Đoạn mở đầu của bài viết kéo dài tới gần lề phải của trang giấy in và kết thúc ở dòng này.',
      'Học sinh một trường vùng cao của Peru theo dõi bài giảng trực tuyến qua mạng Bitel. (Ảnh: TTXVN phát)',
      '[Bitel đưa Internet tới trường học]',
      '(TTXVN)',
    ])
  })

  it('continues a paragraph across a page break unless the page ended a sentence, and drops page numbers', () => {
    const blocks = linesToBlocks(
      layout([
        ['Một đoạn văn dài bắt đầu ở cuối trang thứ nhất và chưa kết thúc', 11, 0],
        ['1', 11, 40],
        ['mà tiếp tục ở đầu trang thứ hai.', 11, 0, 2, 250],
        ['Đoạn mới ở trang hai.', 11, 26, 2, 200],
        ['Trang 2', 11, 40, 2, 100],
      ]),
    )
    expect(blocks.map((block) => block.text)).toEqual([
      'Một đoạn văn dài bắt đầu ở cuối trang thứ nhất và chưa kết thúc mà tiếp tục ở đầu trang thứ hai.',
      'Đoạn mới ở trang hai.',
    ])
  })
})
