import { describe, expect, it } from 'vitest'
import { findEvents } from '../../src/common/dossier/chronology'
import { applyDecision, applyDecisions, type PersonDecision } from '../../src/common/dossier/decisions'
import { extractArticleDossier } from '../../src/common/dossier/extract-article'
import { findOrganisations } from '../../src/common/dossier/organisations'
import { libraryPeople } from '../../src/common/dossier/library-people'
import { findPeople } from '../../src/common/dossier/people'
import type { DossierSource } from '../../src/common/dossier/types'
import { source } from './source'

const vietnamese = source('aaaa0001', 'vi', '2024-10', [
  'Ngày 3/10, Thứ trưởng Ngoại giao Hà Kim Ngọc cùng Thứ trưởng Ngoại giao Peru John Peter Camino Cannock chủ trì tham vấn.',
  'Thứ trưởng Hà Kim Ngọc chào Chủ tịch Quốc hội Peru Eduardo Salhuana.',
])
const english = source('aaaa0002', 'en', '2024-10-04', [
  'Deputy Foreign Minister Ha Kim Ngoc met Eduardo Salhuana Cavides, President of the Congress of Peru.',
])
const spanish = source('aaaa0003', 'es', '2024-09-12', ['El presidente del Congreso, Eduardo Salhuana Cavides, recibió a la presidenta Dina Boluarte.'])

function extract(sources: readonly DossierSource[]) {
  return libraryPeople(sources.map((s) => ({ articleId: s.id, people: findPeople(s) })))
}

describe('people of a library', () => {
  it('merges one person across languages and fuller names, with every article and role', () => {
    const people = extract([vietnamese, english, spanish])
    const ngoc = people.find((p) => p.keys.includes('ha kim ngoc'))
    expect(ngoc).toMatchObject({ name: 'Hà Kim Ngọc', articleIds: ['aaaa0001', 'aaaa0002'] })
    expect(ngoc?.roles.map((r) => r.role)).toEqual(['Thứ trưởng Ngoại giao', 'Deputy Foreign Minister'])
    const salhuana = people.find((p) => p.keys.includes('eduardo salhuana'))
    expect(salhuana).toMatchObject({ name: 'Eduardo Salhuana Cavides', articleIds: ['aaaa0001', 'aaaa0002', 'aaaa0003'] })
    expect(people.map((p) => p.name).sort()).toEqual(['Dina Boluarte', 'Eduardo Salhuana Cavides', 'Hà Kim Ngọc', 'John Peter Camino Cannock'])
  })
})

const decisions: PersonDecision[] = [
  { kind: 'confirm', key: 'Hà Kim Ngọc' },
  { kind: 'rename', key: 'dina boluarte', name: 'Dina Ercilia Boluarte Zegarra' },
  { kind: 'hide', key: 'John Peter Camino Cannock' },
  { kind: 'split', key: 'Eduardo Salhuana', mentions: [{ articleId: 'aaaa0003', block: 0, text: 'Eduardo Salhuana Cavides' }], name: 'Eduardo Salhuana (Congreso)' },
  { kind: 'merge', keys: ['Dina Ercilia Boluarte Zegarra', 'Eduardo Salhuana (Congreso)'] },
]

describe('user decisions', () => {

  it('confirm, rename, hide, split and merge apply in order and lose no mention', () => {
    const extracted = extract([vietnamese, english, spanish])
    const { people, dormant } = applyDecisions(extracted, decisions)
    expect(dormant).toEqual([])
    expect(people.find((p) => p.name === 'Hà Kim Ngọc')?.confirmed).toBe(true)
    expect(people.find((p) => p.name === 'John Peter Camino Cannock')?.hidden).toBe(true)
    const salhuana = people.find((p) => p.name === 'Eduardo Salhuana Cavides')
    expect(salhuana?.articleIds).toEqual(['aaaa0001', 'aaaa0002'])
    const merged = people.find((p) => p.name === 'Dina Ercilia Boluarte Zegarra')
    expect(merged?.renamed).toBe(true)
    expect(merged?.mentions.map((m) => m.text).sort()).toEqual(['Dina Boluarte', 'Eduardo Salhuana Cavides'])
    const count = (list: readonly { mentions: readonly unknown[] }[]): number => list.reduce((sum, p) => sum + p.mentions.length, 0)
    expect(count(people)).toBe(count(extracted))
  })

  it('survive re-extraction: the same records give the same result, and a new article joins the decided entry', () => {
    const first = applyDecisions(extract([vietnamese, english, spanish]), decisions)
    const again = applyDecisions(extract([vietnamese, english, spanish]), decisions)
    expect(again).toEqual(first)
    const later = source('aaaa0004', 'vi', '2024-11', ['Thứ trưởng Ngoại giao Hà Kim Ngọc tiếp Đại sứ Peru.'])
    const grown = applyDecisions(extract([vietnamese, english, spanish, later]), decisions)
    expect(grown.people.find((p) => p.name === 'Hà Kim Ngọc')).toMatchObject({ confirmed: true, articleIds: ['aaaa0001', 'aaaa0002', 'aaaa0004'] })
  })

  it('keeps a decision whose entry is gone as dormant, and applies it when the entry returns', () => {
    const withoutSpanish = applyDecisions(extract([vietnamese, english]), decisions)
    expect(withoutSpanish.dormant.map((d) => d.kind)).toEqual(['rename', 'split', 'merge'])
    expect(withoutSpanish.people.find((p) => p.name === 'Hà Kim Ngọc')?.confirmed).toBe(true)
    const back = applyDecisions(extract([vietnamese, english, spanish]), decisions)
    expect(back.dormant).toEqual([])
  })
})

describe('a split', () => {
  const full = source('bbbb0001', 'vi', '2023-04', ['Đại sứ Phạm Thị Kim Hoa gặp Bộ trưởng Ngoại giao Peru.', 'Đại sứ Phạm Thị Kim Hoa thăm Cusco.'])
  const short = source('bbbb0002', 'vi', '2023-05', ['Đại sứ Kim Hoa dự lễ khai trương.'])

  it('takes the moved way of writing off the original entry’s “also named” and keys, keeping its own name', () => {
    const extracted = extract([full, short])
    const hoa = extracted.find((p) => p.keys.includes('pham thi kim hoa'))
    expect(hoa?.names).toEqual(['Phạm Thị Kim Hoa', 'Kim Hoa'])
    const { people, dormant } = applyDecisions(extracted, [{ kind: 'split', key: 'pham thi kim hoa', mentions: [{ articleId: 'bbbb0002', block: 0, text: 'Kim Hoa' }], name: 'Kim Hoa' }])
    expect(dormant).toEqual([])
    const kept = people.find((p) => p.key === 'pham thi kim hoa')
    expect(kept?.names).toEqual(['Phạm Thị Kim Hoa'])
    expect(kept?.keys).not.toContain('kim hoa')
    expect(kept?.articleIds).toEqual(['bbbb0001'])
    // A later decision naming the moved variant finds the entry it went to.
    const hidden = applyDecision({ people, dormant }, { kind: 'hide', key: 'Kim Hoa' })
    expect(hidden.people.find((p) => p.hidden)?.mentions.map((m) => m.articleId)).toEqual(['bbbb0002'])
  })
})

describe('one decision more', () => {
  it('applied as one step over the decided people gives what applying them all again gives', () => {
    const extracted = extract([vietnamese, english, spanish])
    let outcome = applyDecisions(extracted, [])
    decisions.forEach((decision, i) => {
      outcome = applyDecision(outcome, decision)
      expect(outcome).toEqual(applyDecisions(extracted, decisions.slice(0, i + 1)))
    })
  })

  it('leaves the entries it does not touch as they were (their rows can be kept)', () => {
    const memo = new WeakMap()
    const extracted = extract([vietnamese, english, spanish])
    const before = applyDecisions(extracted, [], memo)
    const after = applyDecision(before, { kind: 'hide', key: 'Dina Boluarte' })
    const changed = after.people.filter((p, i) => p !== before.people[i])
    expect(changed.map((p) => [p.name, p.hidden])).toEqual([['Dina Boluarte', true]])
    expect(applyDecisions(extracted, [], memo).people).toEqual(before.people)
    expect(applyDecisions(extracted, [], memo).people.every((p, i) => p === before.people[i])).toBe(true)
  })
})

describe('one article, everything at once', () => {
  it('gives the same people, organisations and events as the separate finders, deterministically', () => {
    const result = extractArticleDossier(english)
    expect(result.people.map((p) => p.name)).toEqual(['Ha Kim Ngoc', 'Eduardo Salhuana Cavides'])
    expect(result.people).toEqual(findPeople(english))
    expect(result.events).toEqual(findEvents(english))
    expect(result.organisations).toEqual(findOrganisations(english))
    expect(extractArticleDossier(english)).toEqual(result)
  })
})
