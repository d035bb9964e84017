import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isVietnameseSyllable } from '../../src/node/import/ocr/vietnamese-syllable'
import { CORRECTION_CONFIDENCE, correctOcrWord, correctSyllable } from '../../src/node/import/ocr/ocr-syllable-correction'

/** Every word of the Vietnamese sample articles that carries a Vietnamese mark: real syllables. */
function sampleSyllables(): string[] {
  const text = ['01-tham-van-chinh-tri-viet-nam-peru.txt', '02-thuong-mai-viet-nam-peru-600-trieu-usd.txt', '04-apec-2024-lima-apec-2027.txt']
    .map((name) => readFileSync(new URL(`../../data/samples/${name}`, import.meta.url), 'utf8'))
    .join(' ')
    .normalize('NFC')
    .toLowerCase()
  return [...new Set(text.split(/[^\p{L}]+/u))].filter((word) => /[^a-z]/u.test(word) && word !== '')
}

describe('Vietnamese syllable rules', () => {
  it('accepts every marked word of the sample articles', () => {
    const syllables = sampleSyllables()
    expect(syllables.length).toBeGreaterThan(150)
    expect(syllables.filter((syllable) => !isVietnameseSyllable(syllable))).toEqual([])
  })

  it('accepts both placements of the tone on oa, oe, uy', () => {
    for (const syllable of ['hoá', 'hóa', 'khoẻ', 'khỏe', 'thuý', 'thúy', 'gì', 'gìn', 'giếng', 'quốc', 'quyết']) {
      expect(isVietnameseSyllable(syllable), syllable).toBe(true)
    }
  })

  it('refuses what the orthography does not allow', () => {
    const invalid = [
      'tiêp', // a stopped rhyme (-p) with the level tone
      'tiềp', // … or with the huyền tone
      'maí', // the mark on the closing glide
      'ngoaị',
      'nguòi', // u for ư: the rhyme uoi does not exist
      'viẹt', // iet is not a rhyme (iêt is)
      'kai', // k only before i, e, ê, y
      'ghà',
      'cá̀', // two tones
      'peru',
    ]
    for (const syllable of invalid) expect(isVietnameseSyllable(syllable), syllable).toBe(false)
  })
})

const FAMILIES = ['aàáảãạăằắẳẵặâầấẩẫậ', 'eèéẻẽẹêềếểễệ', 'iìíỉĩị', 'oòóỏõọôồốổỗộơờớởỡợ', 'uùúủũụưừứửữự', 'yỳýỷỹỵ', 'dđ']

describe('OCR post-correction of Vietnamese syllables', () => {
  it('fixes a misread diacritic when exactly one syllable fits, keeping capitals and punctuation', () => {
    expect(correctSyllable('tĩến')).toBe('tiến')
    expect(correctSyllable('củă')).toBe('của')
    expect(correctSyllable('qúyết')).toBe('quyết')
    expect(correctSyllable('Tĩến')).toBe('Tiến')
    expect(correctOcrWord('củă,', CORRECTION_CONFIDENCE - 20)).toBe('của,')
    expect(correctOcrWord('(Củă', 40)).toBe('(Của')
    expect(correctOcrWord('Hòă-Bình', 40)).toBe('Hòa-Bình')
  })

  it('never turns a misread sample syllable into another word, and fixes a good share', () => {
    // Every single confusable-diacritic change of every real syllable of the samples.
    let misreadInvalid = 0
    let fixed = 0
    const wrong: string[] = []
    for (const syllable of sampleSyllables()) {
      const letters = [...syllable]
      letters.forEach((letter, index) => {
        const family = FAMILIES.find((members) => members.includes(letter))
        for (const other of family ?? '') {
          const misread = [...letters.slice(0, index), other, ...letters.slice(index + 1)].join('')
          if (other === letter || isVietnameseSyllable(misread)) continue
          misreadInvalid++
          const corrected = correctSyllable(misread)
          if (corrected === syllable) fixed++
          else if (corrected !== null) wrong.push(`${misread} → ${corrected} (was ${syllable})`)
        }
      })
    }
    expect(wrong).toEqual([])
    expect(fixed / misreadInvalid).toBeGreaterThan(0.3)
  })

  it('leaves a word alone when two syllables fit', () => {
    // ngươi and người; tiếp and tiệp; Viết and Việt (twice); quốc and quộc: the rules cannot choose.
    expect(correctOcrWord('ngưòi', 10)).toBe('ngưòi')
    for (const word of ['tiêp', 'Viêt', 'Viẹt', 'quôc']) expect(correctOcrWord(word, 10)).toBe(word)
  })

  it('leaves sure words, valid syllables and foreign words alone', () => {
    expect(correctOcrWord('củă', CORRECTION_CONFIDENCE)).toBe('củă')
    for (const word of ['Ngoại', 'người', 'Peru', 'Bitel', 'Cannock', '3/10', '600', 'APEC']) expect(correctOcrWord(word, 10)).toBe(word)
  })
})
