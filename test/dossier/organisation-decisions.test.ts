import { describe, expect, it } from 'vitest'
import { libraryOrganisations } from '../../src/common/dossier/library-organisations'
import { applyOrganisationDecision, applyOrganisationDecisions, type OrganisationDecision } from '../../src/common/dossier/organisation-decisions'
import { findOrganisations } from '../../src/common/dossier/organisations'
import type { DossierSource } from '../../src/common/dossier/types'
import { source } from './source'

/** The user's decisions about organisations (confirm, rename, merge, hide), over sentences written for these tests. */
const articles = [
  source('eeee0001', 'vi', '2024-10', ['Tập đoàn Dầu khí Việt Nam (PVN) và Tập đoàn Viettel cùng có mặt tại Lima trước thềm APEC.']),
  source('eeee0002', 'en', '2024-11', ['PVN and Viettel joined the APEC business forum; Bitel showed its fibre network.']),
  source('eeee0003', 'vi', '2024-12', ['Tập đoàn Dầu khí Quốc gia Việt Nam ký thỏa thuận mới.']),
]
const extract = (sources: readonly DossierSource[]) => libraryOrganisations(sources.map((article) => ({ articleId: article.id, organisations: findOrganisations(article) })))

const decisions: OrganisationDecision[] = [
  { kind: 'confirm', key: 'Viettel' },
  { kind: 'rename', key: 'pvn', name: 'Petrovietnam' },
  { kind: 'merge', keys: ['Petrovietnam', 'Tập đoàn Dầu khí Quốc gia Việt Nam'] },
  { kind: 'hide', key: 'APEC' },
]

describe('decisions about organisations', () => {
  it('confirm, rename, merge and hide apply in order and lose no mention', () => {
    const extracted = extract(articles)
    const { organisations, dormant } = applyOrganisationDecisions(extracted, decisions)
    expect(dormant).toEqual([])
    expect(organisations.find((o) => o.name === 'Viettel')?.confirmed).toBe(true)
    expect(organisations.find((o) => o.keys.includes('apec'))?.hidden).toBe(true)
    const petro = organisations.find((o) => o.name === 'Petrovietnam')
    expect(petro).toMatchObject({ renamed: true, articleIds: ['eeee0001', 'eeee0002', 'eeee0003'] })
    expect(petro?.aliases).toEqual(expect.arrayContaining(['PVN', 'Tập đoàn Dầu khí Việt Nam', 'Tập đoàn Dầu khí Quốc gia Việt Nam']))
    expect(petro?.keys).toEqual(expect.arrayContaining(['pvn', 'petrovietnam']))
    const count = (list: readonly { mentions: readonly unknown[] }[]): number => list.reduce((sum, o) => sum + o.mentions.length, 0)
    expect(count(organisations)).toBe(count(extracted))
  })

  it('survive re-extraction, wait dormant while their entry is gone, and step one at a time as they apply all at once', () => {
    const first = applyOrganisationDecisions(extract(articles), decisions)
    expect(applyOrganisationDecisions(extract(articles), decisions)).toEqual(first)
    const withoutLast = applyOrganisationDecisions(extract(articles.slice(0, 2)), decisions)
    expect(withoutLast.dormant).toEqual([decisions[2]])
    expect(withoutLast.organisations.find((o) => o.name === 'Petrovietnam')?.renamed).toBe(true)
    let outcome = applyOrganisationDecisions(extract(articles), [])
    decisions.forEach((decision, i) => {
      outcome = applyOrganisationDecision(outcome, decision)
      expect(outcome).toEqual(applyOrganisationDecisions(extract(articles), decisions.slice(0, i + 1)))
    })
  })
})
