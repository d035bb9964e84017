import { describe, expect, it } from 'vitest'
import { detectLanguage } from '../../src/common/text/detect-language'

describe('detectLanguage', () => {
  it('recognises Vietnamese by its letters', () => {
    expect(detectLanguage('Hai bên nhất trí thúc đẩy hợp tác trong lĩnh vực viễn thông và nông nghiệp.')).toBe('vi')
  })

  it('tells English from Spanish by common words', () => {
    expect(detectLanguage('The two countries agreed to expand trade and cooperation in the region.')).toBe('en')
    expect(detectLanguage('Los dos países acordaron ampliar el comercio y la cooperación en la región.')).toBe('es')
  })

  it('says "und" for text too short to judge', () => {
    expect(detectLanguage('APEC 2027')).toBe('und')
  })
})
