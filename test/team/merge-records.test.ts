import { describe, expect, it } from 'vitest'
import { BOTH_KEPT_SEPARATOR, BRIEF_RULES, HIGHLIGHT_RULES, mergeRecord, mergeSet, mergeText, mergeValue, TEMPLATE_RULES, THEME_RULES } from '../../src/common/team/merge-records'

describe('merge policy', () => {
  it.each([
    ['only local changed', 'a', 'b', 'a', 'b', false],
    ['only remote changed', 'a', 'a', 'c', 'c', false],
    ['both changed alike', 'a', 'x', 'x', 'x', false],
    ['both changed differently: the newer wins, flagged', 'a', 'b', 'c', 'c', true],
    ['no base, different: the newer wins, flagged', undefined, 'b', 'c', 'c', true],
  ] as const)('a value: %s', (_name, base, local, remote, value, conflict) => {
    expect(mergeValue(base, local, remote, 'remote')).toEqual({ value, conflict })
  })

  it.each([
    ['adds on both sides', ['p'], ['p', 'l'], ['p', 'r'], ['p', 'l', 'r']],
    ['a removal on one side wins over keeping', ['p', 'q'], ['p'], ['p', 'q', 'r'], ['p', 'r']],
    ['no base: the union', undefined, ['a'], ['b'], ['a', 'b']],
    ['removed on both', ['a', 'b'], ['b'], ['b'], ['b']],
  ] as const)('a set: %s', (_name, base, local, remote, merged) => {
    expect(mergeSet(base, local, remote)).toEqual(merged)
  })

  it.each([
    ['only local edited', 'n', 'n+l', 'n', 'n+l', false],
    ['only remote edited', 'n', 'n', 'n+r', 'n+r', false],
    ['both edited: both kept, local first, flagged', 'n', 'L', 'R', `L${BOTH_KEPT_SEPARATOR}R`, true],
    ['no base, one side empty', undefined, '', 'R', 'R', false],
  ] as const)('a text: %s', (_name, base, local, remote, value, conflict) => {
    expect(mergeText(base, local, remote)).toEqual({ value, conflict })
  })

  it('merges a highlight field by field: tags as a set, the note three ways, the colour from the side that changed it', () => {
    const base = { id: 'an_1', color: 'yellow', note: 'n', tagIds: ['t1'], updatedAt: '1' }
    const local = { ...base, note: 'n, local', tagIds: ['t1', 't2'], updatedAt: '2' }
    const remote = { ...base, color: 'pink', tagIds: [], updatedAt: '3' }
    expect(mergeRecord(base, local, remote, 'remote', HIGHLIGHT_RULES).merged).toEqual({ id: 'an_1', color: 'pink', note: 'n, local', tagIds: ['t2'], updatedAt: '3' })
  })

  it('merges themes by id: a rename on one side and new keywords on the other both stay', () => {
    const base = { id: 'tg_1', name: 'Trade', aliases: [{ text: 'Thương mại', lang: 'vi' }], keywords: ['trade'] }
    const renamed = { ...base, name: 'Trade & investment' }
    const keywords = { ...base, keywords: ['trade', 'FDI'], aliases: [...base.aliases, { text: 'Commerce', lang: null }] }
    const { merged, flags } = mergeRecord(base, renamed, keywords, 'local', THEME_RULES)
    expect(merged).toEqual({ id: 'tg_1', name: 'Trade & investment', aliases: [{ text: 'Thương mại', lang: 'vi' }, { text: 'Commerce', lang: null }], keywords: ['trade', 'FDI'] })
    expect(flags).toEqual([])
  })

  it('merges a brief by section and passage: edits to different sections both stay; one text edited on both sides keeps both', () => {
    const section = (id: string, body: string, items: { id: string; paraphrase: string }[] = []) => ({ id, heading: id, body, items })
    const base = { id: 'br_1', title: 'T', occasion: '', sections: [section('s1', 'one'), section('s2', 'two', [{ id: 'i1', paraphrase: 'p' }])] }
    const local = { ...base, sections: [section('s1', 'one, edited here'), section('s2', 'two', [{ id: 'i1', paraphrase: 'p' }, { id: 'i2', paraphrase: 'q' }])] }
    const remote = { ...base, sections: [section('s1', 'one, edited there'), section('s2', 'two, edited there', [])], occasion: 'Visit' }
    const { merged, flags } = mergeRecord(base, local, remote, 'remote', BRIEF_RULES)
    expect(merged).toEqual({
      id: 'br_1',
      title: 'T',
      occasion: 'Visit',
      sections: [section('s1', `one, edited here${BOTH_KEPT_SEPARATOR}one, edited there`), section('s2', 'two, edited there', [{ id: 'i2', paraphrase: 'q' }])],
    })
    expect(flags).toEqual(['sections.s1.body'])
  })

  it('keeps a section edited on one side and deleted on the other, and flags it (an edit wins over a deletion)', () => {
    const base = { id: 'br_1', sections: [{ id: 's1', heading: 'h', body: 'b', items: [] }] }
    const edited = { id: 'br_1', sections: [{ id: 's1', heading: 'h', body: 'b2', items: [] }] }
    const deleted = { id: 'br_1', sections: [] }
    const { merged, flags } = mergeRecord(base, deleted, edited, 'local', BRIEF_RULES)
    expect(merged.sections).toEqual(edited.sections)
    expect(flags).toEqual(['sections.s1'])
  })

  it('a template: sections by their key, each section’s themes as a set, a label changed on both sides from the newer side (flagged)', () => {
    const section = (key: string, heading: string, themes?: string[]) => ({ key, heading: { en: heading, vi: heading }, ...(themes ? { themes } : {}) })
    const base = { name: 'Weekly', sections: [section('a', 'A', ['Trade']), section('b', 'B')] }
    const local = { name: 'Weekly (L)', sections: [section('a', 'A', ['Trade', 'Fish']), section('b', 'B'), section('c', 'C')] }
    const remote = { name: 'Weekly (R)', sections: [section('a', 'A', ['Trade', 'APEC'])] }
    const { merged, flags } = mergeRecord(base, local, remote, 'remote', TEMPLATE_RULES)
    expect(merged).toEqual({ name: 'Weekly (R)', sections: [section('a', 'A', ['Trade', 'Fish', 'APEC']), section('c', 'C')] })
    expect(flags).toEqual(['name'])
  })
})
