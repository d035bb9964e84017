import { describe, expect, it } from 'vitest'
import { resolveTagNames } from '../../src/common/annotations/resolve-tag-names'
import { reviseArticle } from '../../src/common/annotations/revise-article'
import { blocksFromText } from '../../src/common/annotations/text-blocks'
import type { Block } from '../../src/common/model/article'
import type { Tag } from '../../src/common/model/tag'
import { article } from '../store/fixtures'

describe('blocksFromText', () => {
  const previous: Block[] = [
    { kind: 'heading', text: 'Quan hệ Việt Nam - Peru' },
    { kind: 'paragraph', text: 'Đoạn một.' },
  ]

  it('splits on blank lines, joins single line breaks, and keeps the kind of unchanged or same-count blocks', () => {
    expect(blocksFromText('Quan hệ Việt Nam - Peru\n\nĐoạn\nmột.', previous)).toEqual(previous)
    expect(blocksFromText('Quan hệ Việt Nam – Peru\n\nĐoạn một sửa.', previous)).toEqual([
      { kind: 'heading', text: 'Quan hệ Việt Nam – Peru' },
      { kind: 'paragraph', text: 'Đoạn một sửa.' },
    ])
    expect(blocksFromText('Mới.\n\nQuan hệ Việt Nam - Peru\n\nĐoạn một.', previous).map((block) => block.kind)).toEqual(['paragraph', 'heading', 'paragraph'])
  })

  it('ignores blank blocks, CRLF, invisible characters and NFD', () => {
    expect(blocksFromText('\r\n\r\n  \u200B\r\n\r\nĐoạn một.'.normalize('NFD') + '\n \n\n', previous)).toEqual([{ kind: 'paragraph', text: 'Đoạn một.' }])
    expect(blocksFromText(' \n\n\t', previous)).toEqual([])
  })
})

describe('resolveTagNames', () => {
  const tag = (id: string, name: string, aliases: string[] = []): Tag => ({
    id,
    name,
    parentId: null,
    color: '#123456',
    aliases: aliases.map((text) => ({ text, lang: 'en' })),
    keywords: [],
  })
  let next = 0
  const newId = () => `tg_${String(++next).padStart(16, '0')}`

  it('matches names and aliases without case or marks, keeps order, drops repeats, creates the rest once', () => {
    const existing = [tag('tg_aaaaaaaaaaaaaaaa', 'Thương mại', ['Trade']), tag('tg_bbbbbbbbbbbbbbbb', 'Biển Đông', ['South China Sea'])]
    const resolved = resolveTagNames(['trade', 'BIEN DONG', 'thuong mai', '  Giáo   dục ', 'giao duc'], existing, newId)
    expect(resolved.tagIds).toEqual(['tg_aaaaaaaaaaaaaaaa', 'tg_bbbbbbbbbbbbbbbb', resolved.created[0]!.id])
    expect(resolved.created).toEqual([{ id: resolved.created[0]!.id, name: 'Giáo dục', parentId: null, color: null, aliases: [], keywords: [] }])
    expect(resolved.tags).toEqual([...existing, ...resolved.created])
  })

  it('prefers a tag’s own name over another tag’s alias', () => {
    const existing = [tag('tg_aaaaaaaaaaaaaaaa', 'APEC 2027', ['APEC']), tag('tg_bbbbbbbbbbbbbbbb', 'APEC')]
    expect(resolveTagNames(['apec'], existing, newId).tagIds).toEqual(['tg_bbbbbbbbbbbbbbbb'])
  })
})

describe('reviseArticle', () => {
  it('bumps the revision, recomputes the summary fields and pins captions to the last block', () => {
    const original = { ...article(1), captions: [{ text: 'Ảnh', afterBlock: 1 }] }
    const revised = reviseArticle(original, [{ kind: 'paragraph', text: 'Chỉ còn một đoạn ngắn.' }], 'f'.repeat(64))
    expect(revised).toMatchObject({ id: original.id, revision: original.revision + 1, contentHash: 'f'.repeat(64), excerpt: 'Chỉ còn một đoạn ngắn.', wordCount: 5 })
    expect(revised.captions).toEqual([{ text: 'Ảnh', afterBlock: 0 }])
  })
})
