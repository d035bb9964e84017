import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { correctWordPairs, type RecognisedWord } from '../../src/node/import/ocr/ocr-syllable-correction'
import { VIETNAMESE_WORD_PAIRS } from '../../src/node/import/ocr/vietnamese-word-pairs'
import { isVietnameseSyllable } from '../../src/node/import/ocr/vietnamese-syllable'

/** Words as tesseract gives them: text and confidence (sure unless a number follows the word, `đồi:70`). */
function read(line: string): RecognisedWord[] {
  return line.split(' ').map((token) => {
    const [text, confidence] = token.split(/:(?=\d+$)/u)
    return { text: text!, confidence: confidence === undefined ? 96 : Number(confidence) }
  })
}

const corrected = (line: string): string => correctWordPairs(read(line)).join(' ')

describe('OCR post-correction of Vietnamese words by their neighbours', () => {
  it('puts back a dropped dot below that the pair shows, in sure words too, keeping capitals and punctuation', () => {
    expect(corrected('Bộ Ngoai giao.')).toBe('Bộ Ngoại giao.')
    expect(corrected('(Đai sứ Việt Nam')).toBe('(Đại sứ Việt Nam')
    expect(corrected('thương mai hai chiều')).toBe('thương mại hai chiều')
    expect(corrected('lãnh đao cấp cao')).toBe('lãnh đạo cấp cao')
  })

  it('reads `tai` before a name or a number as `tại`, and leaves `tai nạn` alone', () => {
    expect(corrected('hội nghị tai Lima,')).toBe('hội nghị tại Lima,')
    expect(corrected('khai trương tai Hà Nội')).toBe('khai trương tại Hà Nội')
    expect(corrected('tai 5 tỉnh')).toBe('tại 5 tỉnh')
    expect(corrected('một vụ tai nạn')).toBe('một vụ tai nạn')
    expect(corrected('đôi tai nghe')).toBe('đôi tai nghe')
  })

  it('changes a tone only in a word tesseract was unsure of', () => {
    expect(corrected('trao đồi:70 ý kiến')).toBe('trao đổi ý kiến')
    expect(corrected('kế:71 từ năm 2020')).toBe('kể từ năm 2020')
    expect(corrected('trao đồi ý kiến')).toBe('trao đồi ý kiến')
  })

  it('never takes a tone away nor changes a vowel, even in an unsure word', () => {
    // `ngày nay` and `cố định` are listed, but `này` and `có` are words as read.
    expect(corrected('ngày này:60 không')).toBe('ngày này không')
    expect(corrected('có:60 định')).toBe('có định')
  })

  it('leaves words apart when punctuation separates them', () => {
    expect(corrected('Ngoai, giao')).toBe('Ngoai, giao')
    expect(corrected('tai. Lima')).toBe('tai. Lima')
  })

  it('never "corrects" a listed word into its dotted twin', () => {
    // `cộng tác` and `học viện` are listed, and so are `công tác` and `học viên`.
    expect(corrected('công tác đối ngoại')).toBe('công tác đối ngoại')
    expect(corrected('các học viên')).toBe('các học viên')
  })

  it('changes both words only when tesseract was unsure of both', () => {
    expect(corrected('Biển:68 Đông:96 và')).toBe('Biển Đông và')
    expect(corrected('nhắn:75 manh:96 tầm')).toBe('nhắn manh tầm')
  })

  it('lists only pairs of well-formed syllables', () => {
    const parts = [...VIETNAMESE_WORD_PAIRS].flatMap((pair) => pair.split(' ')).filter((part) => part !== '#')
    expect(parts.length).toBeGreaterThan(500)
    expect(parts.filter((part) => !isVietnameseSyllable(part))).toEqual([])
  })

  it('changes nothing in correct Vietnamese text read with confidence', () => {
    // The sample articles and the app's Vietnamese messages, as if read without an error.
    const samples = ['01-tham-van-chinh-tri-viet-nam-peru.txt', '02-thuong-mai-viet-nam-peru-600-trieu-usd.txt', '04-apec-2024-lima-apec-2027.txt'].map((name) =>
      readFileSync(new URL(`../../data/samples/${name}`, import.meta.url), 'utf8'),
    )
    const messages = readFileSync(new URL('../../src/common/i18n/vi.ts', import.meta.url), 'utf8').match(/'[^']*'/gu) ?? []
    for (const text of [...samples, messages.join(' ')]) {
      const words = text
        .normalize('NFC')
        .split(/\s+/u)
        .filter((word) => word !== '')
        .map((word) => ({ text: word, confidence: 95 }))
      expect(words.length).toBeGreaterThan(200)
      const changed = correctWordPairs(words).flatMap((word, index) => (word === words[index]!.text ? [] : [`${words[index]!.text} → ${word}`]))
      expect(changed).toEqual([])
    }
  })
})
