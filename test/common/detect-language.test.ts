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

describe('detectLanguage on agency copy', () => {
  it('keeps an English report English when it quotes Vietnamese names', () => {
    expect(
      detectLanguage(
        'Ambassador Phạm Thị Kim Hoa met Deputy Minister Hà Kim Ngọc in Lima, where the two sides said that trade between Viet Nam and Peru had reached 600 million USD and that Bitel was a model for investment.',
      ),
    ).toBe('en')
  })

  it('recognises Spanish wire copy, with and without accents', () => {
    expect(detectLanguage('Lima, 3 oct (EFE).- Los gobiernos de Perú y Vietnam acordaron este jueves ampliar su cooperación en telecomunicaciones.')).toBe('es')
    expect(detectLanguage('Los gobiernos de Peru y Vietnam acordaron ampliar la cooperacion en el sector de las telecomunicaciones')).toBe('es')
    expect(detectLanguage('¿Qué busca Vietnam en los mercados de Sudamérica? Según la cancillería, más inversión.')).toBe('es')
  })

  it('recognises Vietnamese, also when typed without diacritics', () => {
    expect(detectLanguage('Kim ngạch thương mại hai chiều Việt Nam-Peru đạt khoảng 600 triệu USD.')).toBe('vi')
    expect(detectLanguage('Hop tac giua hai nuoc trong linh vuc vien thong cua Viettel va cac doanh nghiep khong ngung phat trien')).toBe('vi')
  })

  it('says "und" for names and figures alone', () => {
    expect(detectLanguage('APEC CPTPP ASEAN Bitel Viettel Lima Peru 2024 2027 USD')).toBe('und')
  })

  it('reads a long text by its opening', () => {
    const long = `${'Hai nước nhất trí tăng cường hợp tác trong lĩnh vực viễn thông. '.repeat(200)}The end.`
    expect(detectLanguage(long)).toBe('vi')
  })
})
