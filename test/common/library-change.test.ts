import { describe, expect, it } from 'vitest'
import { mergeChanges, NO_CHANGE, type LibraryChange } from '../../src/common/model/library-change'

describe('merging change records (a view refreshes once for several commits)', () => {
  it('keeps the later seq, every id once, and any flag either record set', () => {
    const first: LibraryChange = { ...NO_CHANGE, seq: 4, articles: ['a_1'], annotations: ['a_1'], deletedBriefs: ['b_1'] }
    const second: LibraryChange = { ...NO_CHANGE, seq: 5, annotations: ['a_1', 'a_2'], tags: true, templates: ['t_1'] }
    expect(mergeChanges(first, second)).toEqual({
      ...NO_CHANGE,
      seq: 5,
      articles: ['a_1'],
      annotations: ['a_1', 'a_2'],
      tags: true,
      deletedBriefs: ['b_1'],
      templates: ['t_1'],
    })
    const restore: LibraryChange = { ...NO_CHANGE, seq: 6, everything: true, settings: true }
    const merged = mergeChanges(mergeChanges(first, second), restore)
    expect([merged.seq, merged.everything, merged.settings, merged.tags]).toEqual([6, true, true, true])
    expect('deletedTemplates' in merged).toBe(false)
  })
})
