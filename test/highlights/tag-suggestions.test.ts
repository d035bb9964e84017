import { describe, expect, it } from 'vitest'
import { isNewTagName, suggestTags } from '../../src/common/highlights/tag-suggestions'
import type { Tag } from '../../src/common/model/tag'

function tag(id: string, name: string, aliases: { text: string; lang: 'vi' | 'en' | null }[] = []): Tag {
  return { id: `tag_${id}`, name, parentId: null, color: null, aliases, keywords: [] }
}

const tags = [
  tag('trade', 'Trade', [{ text: 'Thương mại', lang: 'vi' }]),
  tag('telecom', 'Telecom', [{ text: 'Viễn thông', lang: 'vi' }]),
  tag('apec', 'APEC'),
  tag('maritime', 'Maritime security', [{ text: 'An ninh hàng hải', lang: 'vi' }]),
]
const labels = (typed: string, chosen: string[] = [], lang = 'en') => suggestTags(tags, typed, chosen, lang).map((s) => s.label)

describe('tag suggestions', () => {
  it('match a prefix of a name or alias, ignoring case and diacritics', () => {
    expect(labels('thuong')).toEqual(['Trade'])
    expect(labels('TR')).toEqual(['Trade'])
    expect(labels('vien', [], 'vi')).toEqual(['Viễn thông'])
  })

  it('show the alias that matched when it is not the label', () => {
    expect(suggestTags(tags, 'thuong', [], 'en')[0]!.matched).toBe('Thương mại')
    expect(suggestTags(tags, 'thuong', [], 'vi')[0]!.matched).toBeNull()
  })

  it('rank names that start with the text before names with a word that does', () => {
    expect(labels('s')).toEqual(['Maritime security'])
    expect(labels('a')).toEqual(['APEC', 'Maritime security'])
  })

  it('leave out tags already chosen, whichever of their names was used', () => {
    expect(labels('', ['Thương mại'])).toEqual(['APEC', 'Maritime security', 'Telecom'])
  })

  it('offer every tag for an empty query, alphabetically', () => {
    expect(labels('')).toEqual(['APEC', 'Maritime security', 'Telecom', 'Trade'])
  })

  it('tell a new name from an existing one', () => {
    expect(isNewTagName(tags, 'thuong mai')).toBe(false)
    expect(isNewTagName(tags, 'Giáo dục')).toBe(true)
    expect(isNewTagName(tags, '  ')).toBe(false)
  })
})
