import { describe, expect, it } from 'vitest'
import { formatFigureValue } from '../../src/common/brief/format-figure'
import { findFigures, keyFigures, type Figure } from '../../src/common/brief/key-figures'
import { parseNumber, scaledValue } from '../../src/common/brief/parse-number'
import { loadBrief } from './fixtures'

/** The figures of `text` as [kind, text as written, value or date span, unit]. */
function summary(text: string): (string | number)[][] {
  return findFigures(text).map((figure: Figure) =>
    figure.kind === 'date' ? [figure.kind, figure.text, `${figure.from}/${figure.to}`] : [figure.kind, figure.text, figure.value, figure.unit],
  )
}

describe('numbers', () => {
  it.each([
    ['1.234,5', null, 1234.5],
    ['1,234.5', null, 1234.5],
    ['146,8', null, 146.8],
    ['2.5', null, 2.5],
    ['4.743', null, 4743],
    ['30,000', null, 30000],
    ['30.000', null, 30000],
    ['1.234.567', null, 1234567],
    ['30,000,000', null, 30000000],
    ['0,125', null, 0.125],
    ['1,250', 'vi', 1.25],
    ['1.250', 'vi', 1250],
    ['2.500', 'en', 2.5],
    ['1,250', 'en', 1250],
    ['12345,678', null, 12345.678],
  ] as const)('reads %s (%s convention) as %d', (raw, convention, expected) => {
    const parsed = parseNumber(raw, convention)
    expect(parsed).not.toBeNull()
    expect(scaledValue(parsed!)).toBe(expected)
  })

  it.each(['1.23.456', '1,2345,678', '1.234,567.8'])('refuses the malformed %s', (raw) => {
    expect(parseNumber(raw)).toBeNull()
  })

  it('scales without binary rounding', () => {
    expect(scaledValue(parseNumber('146,8')!, 6)).toBe(146_800_000)
    expect(scaledValue(parseNumber('7,1')!, 6)).toBe(7_100_000)
    expect(scaledValue(parseNumber('1,2')!, 9)).toBe(1_200_000_000)
  })
})

describe('findFigures: Vietnamese', () => {
  it('finds amounts, percentages, counts and dates in an agency sentence', () => {
    expect(summary('Riêng quý I/2023, thương mại hai chiều đạt 146,8 triệu USD, tăng 2,5% so với cùng kỳ năm 2022.')).toEqual([
      ['date', 'quý I/2023', '2023-01/2023-03'],
      ['amount', '146,8 triệu USD', 146_800_000, 'USD'],
      ['percent', '2,5%', 2.5, '%'],
      ['date', 'năm 2022', '2022/2022'],
    ])
  })

  it.each([
    ['Kim ngạch đạt 600 triệu USD.', ['amount', '600 triệu USD', 600_000_000, 'USD']],
    ['Dự án trị giá 1,2 tỷ đô la Mỹ.', ['amount', '1,2 tỷ đô la Mỹ', 1_200_000_000, 'USD']],
    ['Vốn đầu tư 1,2 tỷ đô la', ['amount', '1,2 tỷ đô la', 1_200_000_000, 'USD']],
    ['Gói tín dụng 3 nghìn tỷ đồng', ['amount', '3 nghìn tỷ đồng', 3_000_000_000_000, 'VND']],
    ['Vé vào cửa 50.000 đồng', ['amount', '50.000 đồng', 50_000, 'VND']],
    ['Xuất khẩu tăng 12 phần trăm', ['percent', '12 phần trăm', 12, '%']],
    ['Bitel có 7,1 triệu thuê bao', ['count', '7,1 triệu thuê bao', 7_100_000, 'thuê bao']],
    ['kết nối 4.743 trường học', ['count', '4.743 trường học', 4743, 'trường học']],
    ['hơn 30.000 km cáp quang', ['count', '30.000 km', 30_000, 'km']],
    ['trao 450 máy tính bảng', ['count', '450 máy tính bảng', 450, 'máy tính bảng']],
    ['trao 450 chiếc máy tính bảng', ['count', '450 chiếc máy tính bảng', 450, 'máy tính bảng']],
    ['sản lượng 1.234,5 tấn', ['count', '1.234,5 tấn', 1234.5, 'tấn']],
    ['doanh thu đạt 7,1 triệu', ['count', '7,1 triệu', 7_100_000, '']],
    ['Từ ngày 17-21/4/2023, đoàn làm việc tại Lima.', ['date', '17-21/4/2023', '2023-04-17/2023-04-21']],
    ['Từ 17 đến 21/4/2023', ['date', '17 đến 21/4/2023', '2023-04-17/2023-04-21']],
    ['từ 28/2-3/3/2024', ['date', '28/2-3/3/2024', '2024-02-28/2024-03-03']],
    ['ngày 5/6/2023', ['date', '5/6/2023', '2023-06-05/2023-06-05']],
    ['ngày 5 tháng 6 năm 2023', ['date', '5 tháng 6 năm 2023', '2023-06-05/2023-06-05']],
    ['Tuần lễ Cấp cao tháng 11/2024', ['date', 'tháng 11/2024', '2024-11/2024-11']],
    ['vào tháng 11 năm 2024', ['date', 'tháng 11 năm 2024', '2024-11/2024-11']],
    ['đăng cai vào năm 2027', ['date', 'năm 2027', '2027/2027']],
    ['số liệu quý 2 năm 2023', ['date', 'quý 2 năm 2023', '2023-04/2023-06']],
  ] as const)('%s', (text, expected) => {
    expect(summary(text)).toEqual([expected])
  })
})

describe('findFigures: English', () => {
  it.each([
    ['Two-way trade reached $600 million.', ['amount', '$600 million', 600_000_000, 'USD']],
    ['a target of USD 2.5 billion', ['amount', 'USD 2.5 billion', 2_500_000_000, 'USD']],
    ['worth US$1.5bn', ['amount', 'US$1.5bn', 1_500_000_000, 'USD']],
    ['2.5 billion dollars', ['amount', '2.5 billion dollars', 2_500_000_000, 'USD']],
    ['grew 2.5% on the year', ['percent', '2.5%', 2.5, '%']],
    ['up 12 per cent', ['percent', '12 per cent', 12, '%']],
    ['7.1 million subscribers', ['count', '7.1 million subscribers', 7_100_000, 'subscribers']],
    ['30,000km of fibre', ['count', '30,000km', 30_000, 'km']],
    ['30,000 kilometres of fibre', ['count', '30,000 kilometres', 30_000, 'km']],
    ['4,743 schools', ['count', '4,743 schools', 4743, 'schools']],
    ['on 17 April 2023', ['date', '17 April 2023', '2023-04-17/2023-04-17']],
    ['on April 17-21, 2023', ['date', 'April 17-21, 2023', '2023-04-17/2023-04-21']],
    ['in November 2024', ['date', 'November 2024', '2024-11/2024-11']],
    ['in Q1 2023', ['date', 'Q1 2023', '2023-01/2023-03']],
    ['the first quarter of 2023', ['date', 'first quarter of 2023', '2023-01/2023-03']],
    ['host APEC in 2027', ['date', '2027', '2027/2027']],
    ['rose to 2025 schools', ['count', '2025 schools', 2025, 'schools']],
    ['up to 2030 in value', ['date', '2030', '2030/2030']],
  ] as const)('%s', (text, expected) => {
    expect(summary(text)).toEqual([expected])
  })
})

describe('findFigures: no false figures', () => {
  it.each([
    'Đây là lần thứ 5 hai bên gặp nhau.',
    'Việt Nam sẽ đăng cai APEC 2027.',
    'Peru coi APEC 2027 là cơ hội.',
    'Bitel đứng thứ 3 về thị phần.',
    'Điều 12 người lao động',
    'Nghị định 15/2023/NĐ-CP',
    'COVID-19 và mạng 5G tại G20',
    'giá tăng 2-3% mỗi năm',
    'hai nước có hai triệu người',
    '2 đồng hồ và 500 đồng',
    'the 5th round, No. 3 schools',
    'ngày 17/4 và ngày 31/4/2023',
    'mã số 4/17/2023',
    'Kỳ họp lần 2, khóa 15',
  ])('%s', (text) => {
    expect(summary(text)).toEqual([])
  })

  it('keeps the year out of "năm nay" and months out of durations', () => {
    expect(summary('tháng 6 năm nay, sau 6 tháng')).toEqual([])
  })
})

describe('positions and normalisation', () => {
  it('gives offsets into the passage text', () => {
    const text = 'Bitel: 7,1 triệu thuê bao; trade $600 million; 2,5%.'
    for (const figure of findFigures(text)) expect(text.slice(figure.start, figure.end)).toBe(figure.text)
  })

  it('reads decomposed Vietnamese (NFD) like composed text', () => {
    expect(summary('7,1 triệu thuê bao'.normalize('NFD'))).toEqual([['count', '7,1 triệu thuê bao', 7_100_000, 'thuê bao']])
  })

  it('formats normalised values in each language', () => {
    const [amount, percent, date] = findFigures('146,8 triệu USD, 2,5%, 17-21/4/2023')
    expect(formatFigureValue(amount!, 'en')).toBe('146,800,000 USD')
    expect(formatFigureValue(amount!, 'vi')).toBe('146.800.000 USD')
    expect(formatFigureValue(percent!, 'en')).toBe('2.5%')
    expect(formatFigureValue(percent!, 'vi')).toBe('2,5%')
    expect(formatFigureValue(date!, 'en')).toBe('17–21 April 2023')
    expect(formatFigureValue(date!, 'vi')).toBe('17–21 tháng 4 năm 2023')
  })
})

describe('keyFigures', () => {
  it('links each figure to its section and passage, in document order', () => {
    const brief = loadBrief('brief')
    const figures = keyFigures(brief.sections)
    expect(figures.map((figure) => [figure.itemId, figure.text])).toEqual([
      ['it_0000000000000001', 'Năm 2022'],
      ['it_0000000000000001', '600 triệu USD'],
      ['it_0000000000000002', '146,8 triệu USD'],
      ['it_0000000000000002', '2,5%'],
      ['it_0000000000000002', 'quý I/2022'],
      ['it_0000000000000003', 'tháng 9/2021'],
      ['it_0000000000000004', '7,1 triệu thuê bao'],
      ['it_0000000000000004', '30.000 km'],
      ['it_0000000000000006', '7.1 million subscribers'],
      ['it_0000000000000006', '30,000km'],
      ['it_0000000000000006', '$600 million'],
      ['it_0000000000000007', '4.743 trường học'],
      ['it_0000000000000007', '450 máy tính bảng'],
      ['it_0000000000000008', '17-21/4/2023'],
      ['it_0000000000000008', 'tháng 11/2024'],
      ['it_0000000000000009', '2024'],
    ])
    expect(figures.every((figure) => brief.sections.find((section) => section.id === figure.sectionId)?.items.some((item) => item.id === figure.itemId))).toBe(true)
  })

  it('reads a paraphrase, not the quote it replaces', () => {
    const brief = loadBrief('brief')
    const paraphrased = keyFigures(brief.sections).filter((figure) => figure.itemId === 'it_0000000000000003')
    expect(paraphrased.map((figure) => figure.text)).toEqual(['tháng 9/2021'])
  })
})
