import { describe, expect, it } from 'vitest'
import { libraryOrganisations } from '../../src/common/dossier/library-organisations'
import { findOrganisations } from '../../src/common/dossier/organisations'
import { source } from './source'

/** Organisations across a library: sentences written for these tests, on facts of the seeds (PVN, Viettel, Bitel, APEC). */
describe('organisations of a library', () => {
  const articles = [
    source('ffff0001', 'vi', '2024-10', ['Tập đoàn Dầu khí Việt Nam (PVN) và Tập đoàn Viettel cùng có mặt tại Lima trước thềm APEC.']),
    source('ffff0002', 'vi', '2024-11', ['Đại diện Tập đoàn Dầu khí Việt Nam cho biết dự án khí tại Peru vẫn tiến triển.']),
    source('ffff0003', 'en', '2024-11', ['PVN and Viettel joined the APEC business forum; Bitel showed its fibre network.']),
    source('ffff0004', 'vi', '2024-12', ['Tập đoàn Dầu khí Quốc gia Việt Nam ký thỏa thuận mới.']),
  ]
  const merged = libraryOrganisations(articles.map((article) => ({ articleId: article.id, organisations: findOrganisations(article) })))
  const named = (name: string) => merged.find((organisation) => organisation.keys.includes(name.toLowerCase()) || organisation.name === name)

  it('joins an acronym and its long form across articles, and a group named with its head word to its bare name', () => {
    expect(named('PVN')).toMatchObject({ name: 'PVN', articleIds: ['ffff0001', 'ffff0002', 'ffff0003'] })
    expect(named('PVN')?.aliases).toContain('Tập đoàn Dầu khí Việt Nam')
    expect(named('Viettel')).toMatchObject({ articleIds: ['ffff0001', 'ffff0003'] })
    expect(named('Viettel')?.aliases).toEqual(['Tập đoàn Viettel'])
    expect(named('APEC')?.mentions).toHaveLength(2)
    expect(named('Bitel')?.articleIds).toEqual(['ffff0003'])
  })

  it('reads a Vietnamese name whose words capitalise their first syllable only, and keeps apart what no article joins', () => {
    expect(merged.map((organisation) => organisation.name)).toContain('Tập đoàn Dầu khí Quốc gia Việt Nam')
    expect(named('PVN')?.aliases).not.toContain('Tập đoàn Dầu khí Quốc gia Việt Nam')
    // A verb or a preposition ends the name.
    const found = findOrganisations(source('ffff0005', 'vi', '2024-12', ['Tập đoàn Viettel sang Peru từ sớm; Tập đoàn Viettel và Bitel đều lớn.']))
    expect(found.map((organisation) => [organisation.name, organisation.mentions.length])).toEqual([
      ['Tập đoàn Viettel', 2],
      ['Bitel', 1],
    ])
  })

  it('is linear in its input and its mentions open at their words', () => {
    for (const organisation of merged) {
      for (const mention of organisation.mentions) {
        const article = articles.find((candidate) => candidate.id === mention.articleId)
        expect(article?.blocks[mention.block]?.text.slice(mention.start, mention.end)).toBe(mention.text)
      }
    }
    expect(merged.reduce((sum, organisation) => sum + organisation.mentions.length, 0)).toBe(
      articles.reduce((sum, article) => sum + findOrganisations(article).reduce((n, organisation) => n + organisation.mentions.length, 0), 0),
    )
  })
})
