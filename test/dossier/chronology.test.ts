import { describe, expect, it } from 'vitest'
import { findEvents } from '../../src/common/dossier/chronology'
import { source } from './source'

function dates(published: string | null, paragraph: string, language: 'vi' | 'en' | 'es' = 'vi') {
  return findEvents(source('a1b2c3d4', language, published, [paragraph])).map((e) => ({ text: e.mention.text, from: e.from, to: e.to, precision: e.precision, future: e.future, kind: e.resolution.kind }))
}

describe('dated events', () => {
  it('resolves "Ngày 3/10" in an article of 2024-10 to 2024-10-03, keeping the sentence as the event', () => {
    const [event] = findEvents(source('a1b2c3d4', 'vi', '2024-10', ['Ngày 3/10, Thứ trưởng Hà Kim Ngọc đã thăm Peru. Hai bên hài lòng.']))
    expect(event).toMatchObject({ from: '2024-10-03', to: '2024-10-03', precision: 'day', future: false, resolution: { kind: 'relative', published: '2024-10' } })
    expect(event?.mention).toMatchObject({ block: 0, start: 5, end: 9, text: '3/10' })
    expect(event?.sentence.text).toBe('Ngày 3/10, Thứ trưởng Hà Kim Ngọc đã thăm Peru.')
  })

  it('reads "17-21/4/2023" as a range of days', () => {
    expect(dates('2023-04-25', 'Trong các ngày từ 17-21/4/2023, Đại sứ đã thăm Peru.')).toEqual([
      { text: '17-21/4/2023', from: '2023-04-17', to: '2023-04-21', precision: 'day', future: false, kind: 'absolute' },
    ])
  })

  it('marks "tháng 11/2024 tới đây" as a future month and "năm 2014" as a past year', () => {
    expect(dates('2024-10', 'Peru tổ chức Hội nghị cấp cao APEC tháng 11/2024 tới đây; Bitel có mặt từ năm 2014.')).toEqual([
      { text: 'tháng 11/2024', from: '2024-11', to: '2024-11', precision: 'month', future: true, kind: 'absolute' },
      { text: 'năm 2014', from: '2014', to: '2014', precision: 'year', future: false, kind: 'absolute' },
    ])
  })

  it('reads English "12 March 2025" and "from 4 to 6 June" (year from the publication date, after it)', () => {
    expect(dates('2025-03-13', 'They met on 12 March 2025 and will meet again from 4 to 6 June.', 'en')).toEqual([
      { text: '12 March 2025', from: '2025-03-12', to: '2025-03-12', precision: 'day', future: false, kind: 'absolute' },
      { text: '4 to 6 June', from: '2025-06-04', to: '2025-06-06', precision: 'day', future: true, kind: 'relative' },
    ])
  })

  it('reads Spanish ranges and months', () => {
    expect(dates('2024-03-21', 'La embajadora visitó Lima del 17 al 21 de abril de 2023 y volverá en mayo.', 'es')).toEqual([
      { text: '17 al 21 de abril de 2023', from: '2023-04-17', to: '2023-04-21', precision: 'day', future: false, kind: 'absolute' },
      { text: 'mayo', from: '2024-05', to: '2024-05', precision: 'month', future: true, kind: 'relative' },
    ])
  })

  it('puts a December date of a January article in the year before, and "5/3 tới" in the coming March', () => {
    expect(dates('2025-01-10', 'Ngày 28/12, hai bộ trưởng làm việc trực tuyến.').map((d) => d.from)).toEqual(['2024-12-28'])
    expect(dates('2025-02-20', 'Bộ trưởng sẽ thăm Peru từ ngày 3 đến ngày 5/3 tới.').map((d) => [d.from, d.to, d.future])).toEqual([['2025-03-03', '2025-03-05', true]])
  })

  it('derives "30 năm" before 2024 as 1994 and keeps the reasoning', () => {
    const [event] = findEvents(source('a1b2c3d4', 'vi', '2024-11-16', ['Hai nước kỷ niệm 30 năm thiết lập quan hệ ngoại giao.']))
    expect(event).toMatchObject({ from: '1994', precision: 'year', resolution: { kind: 'derived', published: '2024-11-16', years: 30 } })
  })

  it('leaves relative dates unresolved when the publication date is unknown, and still resolves absolute ones', () => {
    expect(dates(null, 'Ngày 12/6, Phó Thủ tướng tiếp Bộ trưởng; việc này đã được bàn từ tháng 9/2023 và sẽ xong vào năm tới.')).toEqual([
      { text: '12/6', from: null, to: null, precision: 'day', future: null, kind: 'unresolved' },
      { text: 'tháng 9/2023', from: '2023-09', to: '2023-09', precision: 'month', future: null, kind: 'absolute' },
      { text: 'năm tới', from: null, to: null, precision: 'year', future: true, kind: 'unresolved' },
    ])
  })

  it('does not guess the year of a day when the publication date has no month', () => {
    expect(findEvents(source('a1b2c3d4', 'vi', '2024', ['Ngày 3/10, đoàn đến Lima.']))[0]?.resolution).toEqual({ kind: 'unresolved', reason: 'publication-month-unknown' })
  })

  it('takes no ordinal, amount or fraction for a date', () => {
    expect(dates('2024-10', 'Tham vấn chính trị lần thứ 5; kim ngạch đạt 5 tỷ USD; tỷ lệ 1/2 số thuê bao.')).toEqual([])
  })
})
