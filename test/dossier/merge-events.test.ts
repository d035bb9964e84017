import { describe, expect, it } from 'vitest'
import { findEvents } from '../../src/common/dossier/chronology'
import { mergeEvents } from '../../src/common/dossier/merge-events'
import { source } from './source'

describe('events reported by several articles', () => {
  const vi = source('bbbb0001', 'vi', '2024-10', ['Ngày 3/10, Thứ trưởng Ngoại giao Hà Kim Ngọc và Thứ trưởng John Peter Camino Cannock chủ trì tham vấn tại Lima.'])
  const en = source('bbbb0002', 'en', '2024-10-04', ['On 3 October 2024, Deputy Foreign Minister Ha Kim Ngoc and John Peter Camino Cannock co-chaired talks in Lima.'])
  const other = source('bbbb0003', 'en', '2024-10-04', ['On 3 October 2024, the Central Bank of Chile kept its rate unchanged.'])
  const unknown = source('bbbb0004', 'vi', null, ['Ngày 3/10, Thứ trưởng Hà Kim Ngọc đã đến Lima.'])

  it('merges the same date and the same names across languages, and nothing else', () => {
    const timeline = mergeEvents([...findEvents(vi), ...findEvents(en), ...findEvents(other), ...findEvents(unknown)])
    expect(timeline.map((entry) => [entry.from, entry.articleIds])).toEqual([
      ['2024-10-03', ['bbbb0001', 'bbbb0002']],
      ['2024-10-03', ['bbbb0003']],
      [null, ['bbbb0004']],
    ])
  })

  it('is pure: the input is untouched and the same input gives the same timeline', () => {
    const events = [...findEvents(en), ...findEvents(vi)]
    const copy = structuredClone(events)
    expect(mergeEvents(events)).toEqual(mergeEvents(copy))
    expect(events).toEqual(copy)
  })
})
