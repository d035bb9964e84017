import { describe, expect, it } from 'vitest'
import { exactKey, foldedKey, isAccented, tokenKeys } from '../../src/common/search/fold'

describe('foldedKey', () => {
  it('drops tone and vowel marks and lower-cases', () => {
    expect(foldedKey('Việt')).toBe('viet')
    expect(foldedKey('NGƯỜI')).toBe('nguoi')
    expect(foldedKey('Perú')).toBe('peru')
    expect(foldedKey('educación')).toBe('educacion')
  })

  it('folds đ and Đ to d, which NFD-and-strip alone misses', () => {
    expect('Đường'.normalize('NFD').replace(/\p{M}/gu, '')).toBe('Đuong')
    expect(foldedKey('Đường')).toBe('duong')
    expect(foldedKey('đầu')).toBe('dau')
  })

  it('treats the eth that old encodings left for Đ as Đ', () => {
    expect(foldedKey('\u00D0ường')).toBe('duong')
    expect(exactKey('\u00D0ường')).toBe('đường')
  })

  it('gives NFC and NFD input the same keys', () => {
    for (const word of ['Việt', 'Đường', 'hoà', 'Thuý', 'khoẻ', 'Perú']) {
      expect(tokenKeys(word.normalize('NFD'))).toEqual(tokenKeys(word.normalize('NFC')))
    }
  })
})

describe('exactKey', () => {
  it('keeps the accents, in NFC, lower case', () => {
    expect(exactKey('Việt')).toBe('việt')
    expect(exactKey('Việt'.normalize('NFD'))).toBe('việt')
    expect(exactKey('ĐƯỜNG')).toBe('đường')
  })

  it('tells words that differ only by tone apart', () => {
    expect(exactKey('hòa')).not.toBe(exactKey('hóa'))
    expect(exactKey('đường')).not.toBe(exactKey('dương'))
    expect(foldedKey('hòa')).toBe(foldedKey('hóa'))
  })

  it.each([
    ['hòa', 'hoà'],
    ['Hòa', 'hoà'],
    ['thúy', 'thuý'],
    ['ủy', 'uỷ'],
    ['Ủy', 'uỷ'],
    ['khỏe', 'khoẻ'],
    ['khóa', 'khoá'],
    ['tòan', 'toàn'],
    ['khủyu', 'khuỷu'],
  ])('puts the tone of %s where the new rules do (%s)', (old, canonical) => {
    expect(exactKey(old)).toBe(canonical)
    expect(exactKey(canonical)).toBe(canonical)
  })

  it('moves a tone typed before a marked vowel onto it', () => {
    expect(exactKey('thúôc')).toBe('thuốc')
    expect(exactKey('đừơng')).toBe('đường')
  })

  it('leaves syllables whose spelling is not in question alone', () => {
    for (const word of ['hoàng', 'quý', 'người', 'của', 'mùa', 'già', 'thuở', 'huỳnh', 'cómo', 'día', 'acción']) {
      expect(exactKey(word)).toBe(word)
    }
  })

  it('writes decimal commas and points the same way', () => {
    expect(exactKey('146,8')).toBe('146.8')
    expect(foldedKey('146,8')).toBe(foldedKey('146.8'))
    expect(foldedKey('30.000')).toBe(foldedKey('30,000'))
  })
})

describe('isAccented', () => {
  it('is true only when the user typed diacritics', () => {
    expect(isAccented(tokenKeys('hòa'))).toBe(true)
    expect(isAccented(tokenKeys('đi'))).toBe(true)
    expect(isAccented(tokenKeys('HOA'))).toBe(false)
  })
})
