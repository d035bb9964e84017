import { describe, expect, it } from 'vitest'
import { findEvents } from '../../src/common/dossier/chronology'
import { isComparisonTerm } from '../../src/common/dossier/comparison'
import type { LanguageCode } from '../../src/common/model/article'
import { source } from './source'

function eventDates(language: LanguageCode, published: string, paragraph: string): (string | null)[] {
  return findEvents(source('dddd0001', language, published, [paragraph])).map((event) => event.mention.text)
}

/**
 * A date that is the term of a comparison ("so với cùng kỳ năm 2022") says what a figure is
 * measured against: nothing happened then, so it makes no event. The sentences are written for
 * these tests (figures of the kind agency trade reports give).
 */
describe('dates that are the term of a comparison', () => {
  it('drops "cùng kỳ năm 2022", "so với năm 2021" and "so với cùng kỳ năm ngoái" in Vietnamese, keeping the event dates', () => {
    expect(eventDates('vi', '2023-05-10', 'Trong quý I/2023, xuất khẩu gạo sang Peru đạt 40 triệu USD, tăng 12% so với cùng kỳ năm 2022.')).toEqual(['quý I/2023'])
    expect(eventDates('vi', '2024-02-01', 'Năm 2023, kim ngạch thương mại hai chiều giảm 3% so với năm 2021.')).toEqual(['Năm 2023'])
    expect(eventDates('vi', '2024-07-01', 'Sáu tháng đầu năm, lượng khách Peru tăng gấp đôi so với cùng kỳ năm ngoái.')).toEqual([])
    expect(eventDates('vi', '2024-07-01', 'Con số này bằng cùng kỳ năm 2019, trước đại dịch.')).toEqual([])
  })

  it('drops "compared with 2022", "the same period of 2021", "year-on-year from 2020" and "than in 2019" in English', () => {
    expect(eventDates('en', '2024-03-02', 'Coffee shipments to Lima rose 8% in 2023 compared with 2022.')).toEqual(['2023'])
    expect(eventDates('en', '2024-03-02', 'Exports reached USD 80 million, up 5% against the same period of 2021.')).toEqual([])
    expect(eventDates('en', '2024-03-02', 'Tourist arrivals were up 20% year-on-year from 2020.')).toEqual([])
    expect(eventDates('en', '2024-03-02', 'Investment was higher than in 2019.')).toEqual([])
  })

  it('drops "frente a 2022" and "respecto al mismo período de 2021" in Spanish', () => {
    expect(eventDates('es', '2024-03-02', 'Las exportaciones crecieron un 4% en 2023 frente a 2022.')).toEqual(['2023'])
    expect(eventDates('es', '2024-03-02', 'El comercio subió un 6% respecto al mismo período de 2021.')).toEqual([])
  })

  it('keeps a date that only follows such words at a distance, or a growth stated for its own year', () => {
    // "year-on-year in 2023": the growth happened in 2023; the comparison names no date.
    expect(eventDates('en', '2024-03-02', 'Trade grew 7% year-on-year in 2023.')).toEqual(['2023'])
    expect(eventDates('vi', '2024-10', 'So với trước, Bitel đã mở rộng mạng lưới từ năm 2014 đến nay.')).toEqual(['năm 2014'])
    expect(isComparisonTerm('tăng 2,5% so với cùng kỳ ')).toBe(true)
    expect(isComparisonTerm('tăng 2,5% so với Peru vào ')).toBe(false)
  })
})
