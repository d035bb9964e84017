import { describe, expect, it } from 'vitest'
import { isNameVariant } from '../../src/common/dossier/name-variants'
import { libraryPeople, type PeopleMemo } from '../../src/common/dossier/library-people'
import { findPeople } from '../../src/common/dossier/people'
import type { DossierSource } from '../../src/common/dossier/types'
import { source } from './source'

/** Sentences written for these tests; names and roles as the seeds give them. */
const first = source('gggg0001', 'vi', '2024-10', ['Đại sứ Phạm Thị Kim Hoa tiếp Thứ trưởng Ngoại giao Hà Kim Ngọc tại Lima.'])
const second = source('gggg0002', 'vi', '2024-11', ['Đại sứ Kim Hoa cho biết Thứ trưởng Ngọc sẽ trở lại Peru.'])
const third = source('gggg0003', 'en', '2024-11-20', ['Ambassador Pham Thi Kim Hoa met Peru\'s President Dina Boluarte.'])
// Two people sharing the given names Kim Hoa: "Đại sứ Kim Hoa" in another article fits both and joins neither.
const fourth = source('gggg0004', 'vi', '2024-12', ['Bộ trưởng Công Thương Trần Kim Hoa thăm Lima.'])
const fifth = source('gggg0005', 'vi', '2024-12', ['Đại sứ Kim Hoa phát biểu tại hội nghị.'])

function perArticle(sources: readonly DossierSource[]) {
  return sources.map((s) => ({ articleId: s.id, people: findPeople(s) }))
}

describe('people of a library, merged by name forms', () => {
  it('finds every entry a name fits in one lookup, with the answers of isNameVariant', () => {
    const people = libraryPeople(perArticle([first, second, third]))
    const hoa = people.find((person) => person.key === 'pham thi kim hoa')
    expect(hoa?.articleIds).toEqual(['gggg0001', 'gggg0002', 'gggg0003'])
    expect(hoa?.names).toEqual(expect.arrayContaining(['Phạm Thị Kim Hoa', 'Kim Hoa', 'Pham Thi Kim Hoa']))
    for (const person of people) for (const name of person.names) expect(isNameVariant(name, person.name)).toBe(true)
  })

  it('joins a name that fits two entries to neither', () => {
    const people = libraryPeople(perArticle([first, second, fourth, fifth]))
    expect(people.find((person) => person.key === 'pham thi kim hoa')?.articleIds).toEqual(['gggg0001'])
    expect(people.find((person) => person.key === 'tran kim hoa')?.articleIds).toEqual(['gggg0004'])
    expect(people.filter((person) => person.key === 'kim hoa').flatMap((person) => person.articleIds).sort()).toEqual(['gggg0002', 'gggg0005'])
  })

  it('gives with a memo what it gives without, reusing the entries an edit did not touch', () => {
    const memo: PeopleMemo = new WeakMap()
    const before = perArticle([first, second, third, fourth, fifth])
    const once = libraryPeople(before, memo)
    expect(once).toEqual(libraryPeople(before))
    // The third article is edited: the others keep their extraction objects.
    const edited = source('gggg0003', 'en', '2024-11-20', ['Ambassador Pham Thi Kim Hoa met Peru\'s Foreign Minister Elmer Schialer.'])
    const after = [before[0]!, before[1]!, { articleId: edited.id, people: findPeople(edited) }, before[3]!, before[4]!]
    const again = libraryPeople(after, memo)
    expect(again).toEqual(libraryPeople(after))
    // Minister Trần Kim Hoa's entry is made of the same article people: the same object comes back.
    const minister = (list: typeof once) => list.find((person) => person.key === 'tran kim hoa')
    expect(minister(again)).toBe(minister(once))
    expect(again.find((person) => person.key === 'pham thi kim hoa')).not.toBe(once.find((person) => person.key === 'pham thi kim hoa'))
    expect(again.map((person) => person.name)).toContain('Elmer Schialer')
    expect(again.map((person) => person.name)).not.toContain('Dina Boluarte')
  })
})
