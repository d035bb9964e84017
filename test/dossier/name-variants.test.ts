import { describe, expect, it } from 'vitest'
import { isNameVariant, shortForms } from '../../src/common/dossier/name-variants'

describe('name variants', () => {
  it('refers to a Vietnamese name by its last syllables only', () => {
    expect(shortForms('Phạm Thị Kim Hoa')).toEqual(['Thị Kim Hoa', 'Kim Hoa', 'Hoa'])
    expect(isNameVariant('Kim Hoa', 'Phạm Thị Kim Hoa')).toBe(true)
    expect(isNameVariant('Phạm Thị', 'Phạm Thị Kim Hoa')).toBe(false)
  })

  it('refers to a Spanish name by given names, surnames or the first surname, never the first given name alone', () => {
    expect(isNameVariant('John Peter', 'John Peter Camino Cannock')).toBe(true)
    expect(isNameVariant('Camino Cannock', 'John Peter Camino Cannock')).toBe(true)
    expect(isNameVariant('Camino', 'John Peter Camino Cannock')).toBe(true)
    expect(isNameVariant('Salhuana', 'Eduardo Salhuana Cavides')).toBe(true)
    expect(isNameVariant('Eduardo Salhuana', 'Eduardo Salhuana Cavides')).toBe(true)
    expect(isNameVariant('John', 'John Peter Camino Cannock')).toBe(false)
  })

  it('ignores case and diacritics, so a name written without them in English is the same', () => {
    expect(isNameVariant('Ha Kim Ngoc', 'Hà Kim Ngọc')).toBe(true)
    expect(isNameVariant('Ngoc', 'Hà Kim Ngọc')).toBe(true)
    expect(isNameVariant('Ha Kim Ngoc', 'Hà Kim Ngân')).toBe(false)
  })
})
