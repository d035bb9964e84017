import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractArticleDossier, type ArticleDossier } from '../../src/common/dossier/extract-article'
import { libraryPeople } from '../../src/common/dossier/library-people'
import { mergeEvents } from '../../src/common/dossier/merge-events'
import { PeopleMerge } from '../../src/common/dossier/people-merge'
import { TimelineMerge } from '../../src/common/dossier/timeline-merge'
import type { LanguageCode, PartialDate } from '../../src/common/model/article'
import { source } from './source'

/**
 * The incremental merges (people-merge.ts, timeline-merge.ts) give, after any sequence of edits,
 * deletions and additions, exactly what a whole merge of the library as it then is gives: checked
 * after every step of a seeded random walk over the labelled set's articles (which share people
 * under short forms, "Đại sứ Kim Hoa" fitting two people included) and generated articles.
 */
interface FixtureArticle {
  id: string
  language: LanguageCode
  published: PartialDate | null
  blocks: string[]
}

const fixtures = (JSON.parse(readFileSync(join(__dirname, '../fixtures/dossier/articles.json'), 'utf8')) as { articles: FixtureArticle[] }).articles

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}

const FAMILY = ['Phạm', 'Trần', 'Lê', 'Nguyễn']
const GIVEN = ['Kim Hoa', 'Minh Hoa', 'Hùng Việt', 'Kim Ngọc']
const ROLES = ['Đại sứ', 'Thứ trưởng Ngoại giao', 'Bộ trưởng Công Thương']

/** Article text n of a pool: full names, short forms that fit one or two people, dated events sharing entities. */
function generated(rand: () => number): { language: LanguageCode; published: PartialDate; blocks: string[] } {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
  const full = `${pick(FAMILY)} Thị ${pick(GIVEN)}`
  const short = pick(GIVEN)
  const year = 2020 + Math.floor(rand() * 3)
  return {
    language: 'vi',
    published: `${year}-0${1 + Math.floor(rand() * 8)}-1${Math.floor(rand() * 9)}`,
    blocks: [
      `Ngày ${1 + Math.floor(rand() * 3)}/${1 + Math.floor(rand() * 2)}, ${pick(ROLES)} ${full} tiếp ${pick(ROLES)} ${short} tại Lima về Bitel và Viettel.`,
      rand() < 0.5 ? `${pick(ROLES)} ${short} cho biết Bitel hoạt động tại Peru từ năm 201${Math.floor(rand() * 3)}.` : 'Hai bên nhất trí tăng cường hợp tác.',
    ],
  }
}

function check(merge: { people: PeopleMerge; timeline: TimelineMerge }, library: Map<string, ArticleDossier>): void {
  const ordered = [...library.entries()]
  expect(merge.people.people).toEqual(libraryPeople(ordered.map(([articleId, dossier]) => ({ articleId, people: dossier.people }))))
  expect(merge.timeline.timeline).toEqual(mergeEvents(ordered.flatMap(([, dossier]) => dossier.events)))
}

describe('incremental people and timeline merges', () => {
  it('give what a whole merge gives after every edit, deletion and addition', () => {
    const rand = random(17)
    // Insertion order of the map is the library's order (new articles last, as the index adds them).
    const library = new Map<string, ArticleDossier>()
    for (const article of fixtures) library.set(article.id, extractArticleDossier(source(article.id, article.language, article.published, article.blocks)))
    for (let n = 0; n < 40; n++) {
      const id = `gen${String(n).padStart(5, '0')}`
      const made = generated(rand)
      library.set(id, extractArticleDossier(source(id, made.language, made.published, made.blocks)))
    }
    const articles = () => [...library.entries()].map(([articleId, dossier]) => ({ articleId, people: dossier.people, events: dossier.events }))
    const merge = { people: PeopleMerge.of(articles()), timeline: TimelineMerge.of(articles()) }
    check(merge, library)
    let made = 40
    for (let step = 0; step < 60; step++) {
      const ids = [...library.keys()]
      const changed = new Set<string>()
      const edits = 1 + Math.floor(rand() * 3)
      for (let k = 0; k < edits; k++) {
        const roll = rand()
        const id = ids[Math.floor(rand() * ids.length)]!
        if (changed.has(id)) continue
        changed.add(id)
        if (roll < 0.6) {
          // An edit: the article's text becomes another (a fixture's or a generated one), under the same id.
          const other = rand() < 0.5 ? fixtures[Math.floor(rand() * fixtures.length)]! : { ...generated(rand), id }
          library.set(id, extractArticleDossier(source(id, other.language, other.published, other.blocks)))
        } else if (roll < 0.8) library.delete(id)
        else {
          const added = `gen${String(made++).padStart(5, '0')}`
          const text = generated(rand)
          library.set(added, extractArticleDossier(source(added, text.language, text.published, text.blocks)))
          changed.delete(id)
          changed.add(added)
        }
      }
      merge.people.update(articles(), changed)
      merge.timeline.update(articles(), changed)
      check(merge, library)
    }
  })

  it('makes again only the entries related to the edited article’s names', () => {
    const library = new Map<string, ArticleDossier>()
    const rand = random(5)
    for (let n = 0; n < 30; n++) {
      const id = `gen${String(n).padStart(5, '0')}`
      const made = generated(rand)
      library.set(id, extractArticleDossier(source(id, made.language, made.published, made.blocks)))
    }
    const far = source('far00001', 'en', '2024-05-02', ['Peru\'s President Dina Boluarte met Ambassador John Peter Camino Cannock on 3 May 2024.'])
    library.set(far.id, extractArticleDossier(far))
    const articles = () => [...library.entries()].map(([articleId, dossier]) => ({ articleId, people: dossier.people, events: dossier.events }))
    const people = PeopleMerge.of(articles())
    const timeline = TimelineMerge.of(articles())
    const edited = source(far.id, 'en', '2024-05-02', ['Peru\'s President Dina Boluarte met Ambassador John Peter Camino Cannock on 4 May 2024.'])
    library.set(far.id, extractArticleDossier(edited))
    expect(people.update(articles(), new Set([far.id]))).toBe(2)
    expect(timeline.update(articles(), new Set([far.id]))).toBe(2)
    check({ people, timeline }, library)
  })
})
