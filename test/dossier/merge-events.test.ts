import { describe, expect, it } from 'vitest'
import { findEvents } from '../../src/common/dossier/chronology'
import { mergeEvents, sentenceEntities, type TimelineMemo } from '../../src/common/dossier/merge-events'
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

describe('one event reported in two languages', () => {
  // Written for this test: Bitel's launch in 2014 told by a Vietnamese and an English report, each
  // naming the brand first and the group after; and an unrelated 2014 event.
  const vi = source('eeee0001', 'vi', '2024-10-04', ['Bitel, nhà mạng do Viettel đầu tư, khai trương dịch vụ di động tại Peru vào năm 2014.'])
  const en = source('eeee0002', 'en', '2024-09-19', ['Bitel, which Viettel launched in 2014, now covers most of the country.'])
  const es = source('eeee0003', 'es', '2024-09-19', ['En 2014, el Congreso del Perú aprobó una ley de pesca.'])

  it('merges them by date and shared entities, the opening organisation counted', () => {
    const timeline = mergeEvents([...findEvents(vi), ...findEvents(en), ...findEvents(es)])
    const launch = timeline.filter((entry) => entry.from === '2014')
    expect(launch.map((entry) => entry.articleIds)).toEqual([['eeee0001', 'eeee0002'], ['eeee0003']])
    // Without the opening "Bitel" the two would share Viettel only, too little to merge.
    expect(sentenceEntities(en.blocks[0]!.text)).toEqual(new Set(['bitel', 'viettel']))
    // A sentence's first word counts only when it names an organisation.
    expect(sentenceEntities('Tourism in Peru and Chile grew.')).toEqual(new Set(['peru', 'chile']))
  })

  it('gives with a memo the timeline it gives without, after articles change', () => {
    const memo: TimelineMemo = new Map()
    const first = [...findEvents(vi), ...findEvents(en), ...findEvents(es)]
    expect(mergeEvents(first, memo)).toEqual(mergeEvents(first))
    const reused = mergeEvents(first, memo)
    // Nothing changed: the very same entries come back.
    expect(mergeEvents(first, memo)[0]).toBe(reused[0])
    // The English report is edited away and a new one arrives: only its dates are merged again.
    const edited = source('eeee0002', 'en', '2024-09-19', ['Viettel opened Bitel in Peru in 2015.'])
    const second = [...findEvents(vi), ...findEvents(es), ...findEvents(edited)]
    expect(mergeEvents(second, memo)).toEqual(mergeEvents(second))
    expect(memo.has('2015/2015')).toBe(true)
  })
})
