import { describe, expect, it } from 'vitest'
import { citationSnapshot, paragraphAt } from '../../src/common/brief/citation-snapshot'
import { formatCitation, formatSource, formatSourceNotes, numberCitations } from '../../src/common/brief/citations'
import { bodyText, type Block } from '../../src/common/model/article'
import { loadBrief } from './fixtures'
import { annotationOn, articleWith } from './records'

describe('numberCitations', () => {
  const brief = loadBrief('brief')
  const { noteOf, notes, sources } = numberCitations(brief.sections)

  it('numbers footnotes in document order, one per distinct citation', () => {
    expect([...noteOf.entries()]).toEqual([
      ['it_0000000000000001', 1],
      ['it_0000000000000002', 2],
      ['it_0000000000000003', 3],
      ['it_0000000000000004', 4],
      ['it_0000000000000005', 4],
      ['it_0000000000000006', 5],
      ['it_0000000000000007', 6],
      ['it_0000000000000008', 7],
      ['it_0000000000000009', 8],
    ])
    expect(notes).toHaveLength(8)
    expect(notes[3]?.paragraph).toBe(1)
  })

  it('lists each article once, in order of first citation, with its notes', () => {
    expect(sources.map((source) => [source.articleId, source.notes])).toEqual([
      ['b2c3d4e5f6071829', [1, 2, 7]],
      ['c3d4e5f60718293a', [3, 5, 8]],
      ['a1b2c3d4e5f60718', [4]],
      ['d4e5f60718293a4b', [6]],
    ])
  })

  it('is empty for a brief without passages', () => {
    expect(numberCitations([])).toEqual({ noteOf: new Map(), notes: [], sources: [] })
  })
})

describe('formatting', () => {
  const citation = {
    articleId: 'b2c3d4e5f6071829',
    articleTitle: 'Thương mại Việt Nam – Peru tăng trưởng ổn định',
    source: 'Vietnam+',
    published: '2023-04-25',
    paragraph: 3,
  }

  it('formats a citation in each language', () => {
    expect(formatCitation(citation, 'en')).toBe('“Thương mại Việt Nam – Peru tăng trưởng ổn định”, Vietnam+, 25 April 2023, paragraph 3.')
    expect(formatCitation(citation, 'vi')).toBe('“Thương mại Việt Nam – Peru tăng trưởng ổn định”, Vietnam+, 25 tháng 4 năm 2023, đoạn 3.')
  })

  it('says what is unknown rather than leaving a gap', () => {
    const bare = { ...citation, articleTitle: ' ', source: null, published: null }
    expect(formatCitation(bare, 'en')).toBe('“Untitled article”, source unknown, undated, paragraph 3.')
    expect(formatCitation(bare, 'vi')).toBe('“Bài viết chưa có tiêu đề”, không rõ nguồn, không rõ ngày, đoạn 3.')
  })

  it('keeps the precision of the date', () => {
    expect(formatSource({ ...citation, published: '2024-11' }, 'en')).toBe('“Thương mại Việt Nam – Peru tăng trưởng ổn định”, Vietnam+, November 2024')
    expect(formatSource({ ...citation, published: '2024' }, 'vi')).toBe('“Thương mại Việt Nam – Peru tăng trưởng ổn định”, Vietnam+, năm 2024')
  })

  it('names the footnotes of a source as footnotes, never as “notes” (a highlight’s note is another thing)', () => {
    expect(formatSourceNotes([4], 'en')).toBe('(footnote 4)')
    expect(formatSourceNotes([1, 2, 7], 'en')).toBe('(footnotes 1, 2, 7)')
    expect(formatSourceNotes([1, 2], 'vi')).toBe('(chú thích 1, 2)')
  })
})

describe('paragraph numbers', () => {
  const blocks: Block[] = [
    { kind: 'heading', text: 'Viettel tại Peru' },
    { kind: 'paragraph', text: 'Bitel có 7,1 triệu thuê bao.' },
    { kind: 'paragraph', text: 'Mạng cáp quang dài hơn 30.000 km.' },
  ]
  const text = bodyText(blocks)

  it('counts blocks from 1, headings included', () => {
    expect(paragraphAt(blocks, 0)).toBe(1)
    expect(paragraphAt(blocks, text.indexOf('Bitel'))).toBe(2)
    expect(paragraphAt(blocks, text.indexOf('Mạng'))).toBe(3)
    expect(paragraphAt(blocks, text.length - 1)).toBe(3)
  })

  it('gives the blank line between blocks to the next block, and a stale offset to the last', () => {
    const endOfFirst = blocks[0]!.text.length
    expect(paragraphAt(blocks, endOfFirst - 1)).toBe(1)
    expect(paragraphAt(blocks, endOfFirst)).toBe(2)
    expect(paragraphAt(blocks, endOfFirst + 1)).toBe(2)
    expect(paragraphAt(blocks, text.length + 50)).toBe(3)
  })

  it('snapshots an article into a citation', () => {
    const article = articleWith({ id: 'a1b2c3d4e5f60718', title: 'Viettel mở rộng mạng cáp quang tại Peru', source: 'TTXVN', published: '2023-05-12', paragraphs: ['Mở đầu.', 'Bitel có 7,1 triệu thuê bao.'] })
    const annotation = annotationOn(article, '7,1 triệu thuê bao', { id: 'an_00000000000000c1', tags: [] })
    expect(citationSnapshot(annotation, article)).toEqual({
      articleId: 'a1b2c3d4e5f60718',
      articleTitle: 'Viettel mở rộng mạng cáp quang tại Peru',
      source: 'TTXVN',
      published: '2023-05-12',
      paragraph: 2,
    })
    expect(() => citationSnapshot({ ...annotation, articleId: 'ffffffffffffffff' }, article)).toThrow(/belongs to article/)
  })
})
