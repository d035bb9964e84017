import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { draftFromThemes, draftTitle } from '../../src/common/brief/draft-from-themes'
import { SectionSchema } from '../../src/common/model/brief'
import { annotationOn, articleWith, counterIds, tag } from './records'

const telecom = tag('tg_0000000000000001', 'Telecom', 'Viễn thông')
const trade = tag('tg_0000000000000002', 'Trade', 'Thương mại')
const cptpp = tag('tg_0000000000000003', 'CPTPP', 'CPTPP', trade.id)
const education = tag('tg_0000000000000004', 'Education', 'Giáo dục')
const apec = tag('tg_0000000000000005', 'APEC', 'APEC')

const trade2023 = articleWith({
  id: 'b2c3d4e5f6071829',
  title: 'Thương mại Việt Nam – Peru tăng trưởng ổn định',
  source: 'Vietnam+',
  published: '2023-04-25',
  paragraphs: [
    'Hai nền kinh tế bổ sung cho nhau và còn nhiều dư địa hợp tác.',
    'Năm 2022, kim ngạch trao đổi hàng hóa giữa hai nước đạt khoảng 600 triệu USD.',
    'Ba tháng đầu năm 2023, thương mại song phương đạt 146,8 triệu USD, tăng 2,5%.',
    'Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.',
  ],
})
const telecom2022 = articleWith({
  id: 'a1b2c3d4e5f60718',
  title: 'Viettel mở rộng mạng cáp quang tại Peru',
  source: 'TTXVN',
  published: '2022-09',
  paragraphs: ['Mạng cáp quang của Bitel dài hơn 30.000 km.', 'Chương trình đưa Internet tới 4.743 trường học.'],
})
const undated = articleWith({
  id: 'd4e5f60718293a4b',
  title: 'Bitel và các trường vùng cao',
  source: null,
  published: null,
  paragraphs: ['Học sinh vùng cao nhận 450 máy tính bảng.'],
})

const annotations = [
  annotationOn(trade2023, 'Bitel hiện phục vụ 7,1 triệu thuê bao tại Peru.', { id: 'an_0000000000000001', tags: [telecom.id] }),
  annotationOn(trade2023, 'thương mại song phương đạt 146,8 triệu USD, tăng 2,5%', { id: 'an_0000000000000002', tags: [cptpp.id], status: 'orphan' }),
  annotationOn(trade2023, 'kim ngạch trao đổi hàng hóa giữa hai nước đạt khoảng 600 triệu USD', { id: 'an_0000000000000003', tags: [trade.id, telecom.id] }),
  annotationOn(telecom2022, 'Chương trình đưa Internet tới 4.743 trường học.', { id: 'an_0000000000000004', tags: [education.id, telecom.id] }),
  annotationOn(telecom2022, 'Mạng cáp quang của Bitel dài hơn 30.000 km.', { id: 'an_0000000000000005', tags: [telecom.id] }),
  annotationOn(undated, '450 máy tính bảng', { id: 'an_0000000000000006', tags: [education.id] }),
  { ...annotationOn(undated, 'Học sinh vùng cao', { id: 'an_0000000000000007', tags: [education.id] }), articleId: 'eeeeeeeeeeeeeeee' },
]

function draft(themes = [trade, telecom, education, apec], locale: 'en' | 'vi' = 'vi') {
  return draftFromThemes({ themes, taxonomy: [telecom, trade, cptpp, education, apec], annotations, articles: [trade2023, telecom2022, undated], locale, newId: counterIds() })
}

describe('draftFromThemes', () => {
  it('makes one section per theme, headed in the brief’s language', () => {
    const { sections } = draft()
    expect(sections.map((section) => section.heading)).toEqual(['Thương mại', 'Viễn thông', 'Giáo dục', 'APEC'])
    expect(draft(undefined, 'en').sections.map((section) => section.heading)).toEqual(['Trade', 'Telecom', 'Education', 'APEC'])
    for (const section of sections) expect(v.is(SectionSchema, section)).toBe(true)
  })

  it('orders passages by article date (undated last), then by position; a sub-theme’s passages join its parent', () => {
    const [tradeSection, telecomSection, educationSection, apecSection] = draft().sections
    expect(tradeSection?.items.map((item) => item.annotationId)).toEqual(['an_0000000000000003', 'an_0000000000000002'])
    expect(telecomSection?.items.map((item) => item.annotationId)).toEqual(['an_0000000000000005', 'an_0000000000000004', 'an_0000000000000001'])
    expect(educationSection?.items.map((item) => item.annotationId)).toEqual(['an_0000000000000006'])
    expect(apecSection?.items).toEqual([])
  })

  it('places a passage once, under the first chosen theme it belongs to', () => {
    const ids = draft().sections.flatMap((section) => section.items.map((item) => item.annotationId))
    expect(new Set(ids).size).toBe(ids.length)
    const educationFirst = draft([education, telecom]).sections
    expect(educationFirst[0]?.items.map((item) => item.annotationId)).toEqual(['an_0000000000000004', 'an_0000000000000006'])
  })

  it('cites each passage with a snapshot of its article and paragraph', () => {
    const item = draft().sections[0]!.items[1]!
    expect(item).toMatchObject({
      mode: 'quote',
      paraphrase: '',
      quote: 'thương mại song phương đạt 146,8 triệu USD, tăng 2,5%',
      citation: { articleId: trade2023.id, articleTitle: trade2023.title, source: 'Vietnam+', published: '2023-04-25', paragraph: 3 },
    })
    expect(draft().sections[1]!.items.map((passage) => passage.citation.paragraph)).toEqual([1, 2, 4])
  })

  it('keeps orphaned annotations and reports those whose article is missing', () => {
    const result = draft()
    expect(result.sections[0]!.items.some((item) => item.annotationId === 'an_0000000000000002')).toBe(true)
    expect(result.unplaced).toEqual(['an_0000000000000007'])
  })

  it('gives every section and passage a fresh id', () => {
    const ids = draft().sections.flatMap((section) => [section.id, ...section.items.map((item) => item.id)])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('titles a draft after its themes', () => {
    expect(draftTitle([trade, telecom], 'en')).toBe('Brief: Trade, Telecom')
    expect(draftTitle([trade, telecom], 'vi')).toBe('Bản tóm tắt: Thương mại, Viễn thông')
  })
})
