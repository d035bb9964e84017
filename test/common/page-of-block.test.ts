import { describe, expect, it } from 'vitest'
import { pageOfBlock, pageStarts } from '../../src/common/ocr/page-of-block'

const blocks = [
  { text: 'Tham vấn chính trị Việt Nam - Peru lần thứ 6' },
  { text: 'Ngày 3/10, tại Lima, Thứ trưởng Bộ Ngoại giao đã đồng chủ trì phiên tham vấn.' },
  { text: 'Hai bên nhất trí thúc đẩy hợp tác viễn thông, giáo dục và thương mại.' },
  { text: 'Bitel hiện có 7,1 triệu thuê bao tại Peru.' },
]

describe('the page of a paragraph', () => {
  it('finds each page by its first recognised words, in order', () => {
    const starts = pageStarts(blocks, [
      { page: 2, startsWith: 'Hai bên  nhất trí thúc đẩy hợp tác' },
      { page: 1, startsWith: 'THAM VẤN chính trị Việt Nam' },
    ])
    expect(starts).toEqual([
      { page: 1, block: 0 },
      { page: 2, block: 2 },
    ])
    expect([0, 1, 2, 3].map((block) => pageOfBlock(starts, block))).toEqual([1, 1, 2, 2])
  })

  it('knows nothing where no start is found or none is recorded', () => {
    const starts = pageStarts(blocks, [{ page: 1 }, { page: 2, startsWith: 'words that are nowhere in the text' }])
    expect(starts).toEqual([])
    expect(pageOfBlock(starts, 2)).toBeNull()
  })
})
