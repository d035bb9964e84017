import { describe, expect, it } from 'vitest'
import { findOrganisations } from '../../src/common/dossier/organisations'
import { source } from './source'

describe('organisations', () => {
  it('finds known names, acronyms, ministries and a group under its acronym, each mention linked to its passage', () => {
    const paragraphs = [
      'Thứ trưởng thăm Bitel, công ty của Tập đoàn Viettel, và làm việc với Bộ Ngoại giao Peru.',
      'Hai bên hợp tác trong APEC và CPTPP; Tập đoàn Dầu khí Việt Nam (PVN) đạt doanh thu 5 tỷ USD.',
    ]
    const found = findOrganisations(source('cccc0001', 'vi', '2024-10', paragraphs))
    expect(found.map((o) => [o.name, o.aliases])).toEqual([
      ['Bitel', []],
      ['Tập đoàn Viettel', []],
      ['Bộ Ngoại giao', []],
      ['APEC', []],
      ['CPTPP', []],
      ['PVN', ['Tập đoàn Dầu khí Việt Nam']],
    ])
    for (const mention of found.flatMap((o) => o.mentions)) expect(paragraphs[mention.block]?.slice(mention.start, mention.end)).toBe(mention.text)
  })

  it('reads English and Spanish ministries', () => {
    const found = findOrganisations(source('cccc0002', 'es', '2024-10', ['El Ministerio de Relaciones Exteriores y the Ministry of Foreign Affairs firmaron.']))
    expect(found.map((o) => o.name)).toEqual(['Ministerio de Relaciones Exteriores', 'Ministry of Foreign Affairs'])
  })
})
