import { describe, expect, it } from 'vitest'
import { OccurrenceNumberError } from '../../src/common/anchoring/errors'
import { findOccurrence, findOccurrences } from '../../src/common/anchoring/find-occurrences'
import { FoldedText } from '../../src/common/anchoring/folded-text'
import { fixtureText, nth } from './fixtures'

describe('findOccurrences and findOccurrence', () => {
  const text = fixtureText('viet-nam-peru.vi.txt')
  const sentence = 'Hai bên nhất trí tăng cường trao đổi đoàn các cấp.'

  it('finds the Nth occurrence, counted from 1, in document order', () => {
    expect(findOccurrences(text, sentence)).toEqual([nth(text, sentence, 1), nth(text, sentence, 2)])
    expect(findOccurrence(text, sentence, 2)).toEqual(nth(text, sentence, 2))
    expect(findOccurrence(text, 'Bitel', 3)).toEqual(nth(text, 'Bitel', 3))
  })

  it('returns null when there are fewer occurrences, and an empty list for no match', () => {
    expect(findOccurrence(text, sentence, 3)).toBeNull()
    expect(findOccurrences(text, 'Chile')).toEqual([])
    expect(findOccurrences(text, '   ')).toEqual([])
  })

  it('is exact about letters: case and diacritics count', () => {
    expect(findOccurrences(text, 'bitel')).toEqual([])
    expect(findOccurrences(text, 'Viet Nam')).toEqual([])
  })

  it('matches a decomposed (NFD) quote in precomposed text, and the reverse, with offsets in the real text', () => {
    expect(findOccurrence(text, sentence.normalize('NFD'), 2)).toEqual(nth(text, sentence, 2))
    const nfd = text.normalize('NFD')
    const range = findOccurrence(nfd, sentence, 2)
    expect(range).toEqual(nth(nfd, sentence, 2))
    expect(nfd.slice(range!.start, range!.end).normalize('NFC')).toBe(sentence)
  })

  it('matches a quote typed with single spaces across a paragraph break, extra spaces and surrounding blanks', () => {
    const range = findOccurrence(text, '  nhà mạng lớn của Peru.   Giáo dục  là điểm sáng ', 1)
    expect(range).not.toBeNull()
    expect(text.slice(range!.start, range!.end)).toBe('nhà mạng lớn của Peru.\n\nGiáo dục là điểm sáng')
  })

  it('counts occurrences without overlap, as a reader does', () => {
    expect(findOccurrences('là là là', 'là là')).toEqual([{ start: 0, end: 5 }])
  })

  it('searches a prepared FoldedText the same way', () => {
    expect(findOccurrences(new FoldedText(text), 'APEC')).toEqual(findOccurrences(text, 'APEC'))
  })

  it.each([0, -1, 1.5])('throws an OccurrenceNumberError for occurrence %s', (occurrence) => {
    expect(() => findOccurrence(text, 'Peru', occurrence)).toThrow(OccurrenceNumberError)
  })
})
