import { describe, expect, it } from 'vitest'
import { findPeople } from '../../src/common/dossier/people'
import type { Article } from '../../src/common/model/article'
import { source } from './source'

function summary(paragraphs: readonly string[], language: 'vi' | 'en' | 'es' = 'vi') {
  return findPeople(source('a1b2c3d4', language, '2024-10', paragraphs)).map((p) => ({ name: p.name, role: p.roles[0], country: p.country, organisation: p.organisation }))
}

describe('people with titles (Vietnamese)', () => {
  it('reads title, portfolio, country and name', () => {
    expect(
      summary([
        'Ngày 3/10, Thứ trưởng Ngoại giao Hà Kim Ngọc cùng Thứ trưởng Ngoại giao Peru John Peter Camino Cannock chủ trì tham vấn.',
        'Tổng thống Peru Dina Boluarte tiếp đoàn; Đại sứ Việt Nam tại Brazil kiêm nhiệm Cộng hòa Peru Bùi Văn Nghị cùng dự.',
      ]),
    ).toEqual([
      { name: 'Hà Kim Ngọc', role: 'Thứ trưởng Ngoại giao', country: null, organisation: null },
      { name: 'John Peter Camino Cannock', role: 'Thứ trưởng Ngoại giao', country: 'Peru', organisation: null },
      { name: 'Dina Boluarte', role: 'Tổng thống', country: 'Peru', organisation: null },
      { name: 'Bùi Văn Nghị', role: 'Đại sứ', country: 'Việt Nam', organisation: null },
    ])
  })

  it('keeps an organisation out of the role and out of the name', () => {
    expect(summary(['Chủ tịch Tập đoàn Viettel Tào Đức Thắng và Tổng Giám đốc Tập đoàn Dầu khí Việt Nam (PVN) Lê Mạnh Hùng đã gặp nhau.'])).toEqual([
      { name: 'Tào Đức Thắng', role: 'Chủ tịch', country: null, organisation: 'Tập đoàn Viettel' },
      { name: 'Lê Mạnh Hùng', role: 'Tổng Giám đốc', country: null, organisation: 'Tập đoàn Dầu khí Việt Nam' },
    ])
  })

  it('finds no one behind a title without a name', () => {
    expect(summary(['Thứ trưởng tỏ mong muốn Việt Nam sớm mở Đại sứ quán tại Lima.', 'Đây là chuyến thăm đầu tiên của một Bộ trưởng Ngoại giao Việt Nam tới Peru.'])).toEqual([])
  })

  it('merges "Đại sứ Kim Hoa" into Phạm Thị Kim Hoa and "Thứ trưởng John Peter" into John Peter Camino Cannock, each mention linked to its passage', () => {
    const paragraphs = [
      'Đại sứ Phạm Thị Kim Hoa chào Thứ trưởng Ngoại giao Peru John Peter Camino Cannock.',
      'Đại sứ Kim Hoa chuyển lời mời; Thứ trưởng John Peter cảm ơn.',
    ]
    const people = findPeople(source('a1b2c3d4', 'vi', '2023-04', paragraphs))
    expect(people.map((p) => [p.name, p.mentions.map((m) => m.text)])).toEqual([
      ['Phạm Thị Kim Hoa', ['Phạm Thị Kim Hoa', 'Kim Hoa']],
      ['John Peter Camino Cannock', ['John Peter Camino Cannock', 'John Peter']],
    ])
    for (const mention of people.flatMap((p) => p.mentions)) {
      expect(paragraphs[mention.block]?.slice(mention.start, mention.end)).toBe(mention.text)
      expect(mention.articleId).toBe('a1b2c3d4')
    }
  })

  it('counts a later bare name as a mention without a role', () => {
    const people = findPeople(source('a1b2c3d4', 'vi', '2024-03', ['Tổng Giám đốc PVN Lê Mạnh Hùng tiếp khách.', 'Ông Lê Mạnh Hùng cho biết PVN sẽ mở rộng.']))
    expect(people[0]?.mentions.map((m) => [m.block, m.text, m.role])).toEqual([
      [0, 'Lê Mạnh Hùng', 'Tổng Giám đốc'],
      [1, 'Lê Mạnh Hùng', null],
    ])
  })

  it('reads only the cleaned body: captions and removed teasers yield no one', () => {
    const article: Pick<Article, 'id' | 'language' | 'published' | 'blocks' | 'captions' | 'removed'> = {
      id: 'a1b2c3d4',
      language: 'vi',
      published: '2023-04',
      blocks: [{ kind: 'paragraph', text: 'Tổng thống Peru Dina Boluarte đánh giá cao quan hệ hai nước.' }],
      captions: [{ text: 'Đại sứ Phạm Thị Kim Hoa và Tổng thống Dina Boluarte. (Ảnh: TTXVN)', afterBlock: -1 }],
      removed: [{ kind: 'related-link', text: '[Thủ tướng Phạm Minh Chính tiếp Đại sứ Cuba Orlando Hernández Guillén]', afterBlock: 0 }],
    }
    expect(findPeople(article).map((p) => p.name)).toEqual(['Dina Boluarte'])
  })
})

describe('people with titles (English)', () => {
  it('reads "Deputy Foreign Minister", "Vice Minister of Foreign Affairs", a country before the title and an appositive title', () => {
    expect(
      summary(
        [
          "Vietnamese Deputy Foreign Minister Ha Kim Ngoc and Peru's Vice Minister of Foreign Affairs John Peter Camino Cannock co-chaired the talks.",
          'Ha Kim Ngoc also called on Eduardo Salhuana, President of the Congress of Peru, and Viettel Chairman Tao Duc Thang.',
        ],
        'en',
      ),
    ).toEqual([
      { name: 'Ha Kim Ngoc', role: 'Deputy Foreign Minister', country: 'Việt Nam', organisation: null },
      { name: 'John Peter Camino Cannock', role: 'Vice Minister of Foreign Affairs', country: 'Peru', organisation: null },
      { name: 'Eduardo Salhuana', role: 'President of the Congress', country: 'Peru', organisation: null },
      { name: 'Tao Duc Thang', role: 'Chairman', country: null, organisation: 'Viettel' },
    ])
  })

  it('keeps a name particle and merges the surname reference', () => {
    const people = findPeople(source('a1b2c3d4', 'en', '2025-03', ['Chilean Foreign Minister Alberto van Klaveren arrived.', 'Foreign Minister van Klaveren recalled the agreement.']))
    expect(people.map((p) => [p.name, p.mentions.length])).toEqual([['Alberto van Klaveren', 2]])
  })
})

describe('people with titles (Spanish)', () => {
  it('reads "title, Name," with two surnames, and merges the first surname alone', () => {
    const paragraphs = [
      'El presidente del Congreso, Eduardo Salhuana Cavides, recibió al embajador de Vietnam, Bùi Văn Nghị.',
      'Salhuana recordó su visita a Hanói.',
    ]
    const people = findPeople(source('a1b2c3d4', 'es', '2024-09', paragraphs))
    expect(people.map((p) => ({ name: p.name, role: p.roles[0], country: p.country, mentions: p.mentions.map((m) => m.text) }))).toEqual([
      { name: 'Eduardo Salhuana Cavides', role: 'presidente del Congreso', country: null, mentions: ['Eduardo Salhuana Cavides', 'Salhuana'] },
      { name: 'Bùi Văn Nghị', role: 'embajador', country: 'Việt Nam', mentions: ['Bùi Văn Nghị'] },
    ])
  })

  it('reads "Ricardo de los Santos" whole', () => {
    expect(summary(['El presidente del Senado, Ricardo de los Santos, viajó a Hanói.'], 'es').map((p) => p.name)).toEqual(['Ricardo de los Santos'])
  })
})
