import { describe, expect, it } from 'vitest'
import { formatPartialDate } from '../../src/common/text/dates'

describe('formatPartialDate', () => {
  it('formats a full date in each language', () => {
    expect(formatPartialDate('2024-10-03', 'en')).toBe('3 October 2024')
    expect(formatPartialDate('2024-10-03', 'vi')).toBe('3 tháng 10 năm 2024')
  })

  it('keeps the precision the source gave', () => {
    expect(formatPartialDate('2024-10', 'en')).toBe('October 2024')
    expect(formatPartialDate('2024-10', 'vi')).toBe('tháng 10 năm 2024')
    expect(formatPartialDate('2024', 'en')).toBe('2024')
    expect(formatPartialDate('2024', 'vi')).toBe('năm 2024')
  })

  it('returns text that is not a date as it came', () => {
    expect(formatPartialDate('', 'vi')).toBe('')
    expect(formatPartialDate('undated', 'en')).toBe('undated')
  })

  it('never shifts the day with the time zone', () => {
    expect(formatPartialDate('2024-01-01', 'en')).toBe('1 January 2024')
  })
})
