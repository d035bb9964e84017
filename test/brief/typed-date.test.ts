import { describe, expect, it } from 'vitest'
import { parseTypedDate, typedDate } from '../../src/common/brief/typed-date'

describe('the brief date as typed in the editor', () => {
  it.each([
    ['14/11/2024', '2024-11-14'],
    ['3/10/2024', '2024-10-03'],
    ['03.10.2024', '2024-10-03'],
    ['3-10-2024', '2024-10-03'],
    [' 11/2024 ', '2024-11'],
    ['2024', '2024'],
    ['2024-10-03', '2024-10-03'],
    ['2024-10', '2024-10'],
    ['29/2/2024', '2024-02-29'],
  ])('reads %s as %s (day first, whatever the interface language)', (text, date) => {
    expect(parseTypedDate(text)).toBe(date)
  })

  it.each(['31/2/2024', '29/2/2023', '14/13/2024', '0/1/2024', '10/03', '2024/10/03', 'next Tuesday', '1/1/24'])('refuses %s rather than guessing', (text) => {
    expect(parseTypedDate(text)).toBeNull()
  })

  it('shows a date the way it is read back, at its precision', () => {
    for (const date of ['2024-10-03', '2024-11-14', '2024-11', '2024']) expect(parseTypedDate(typedDate(date))).toBe(date)
    expect(typedDate('2024-10-03')).toBe('3/10/2024')
    expect(typedDate('2024-11')).toBe('11/2024')
  })
})
