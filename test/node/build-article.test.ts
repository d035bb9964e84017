import { describe, expect, it } from 'vitest'
import { buildArticle, contentHash } from '../../src/node/library/build-article'

const importedAt = new Date('2026-01-02T03:04:05Z')

describe('buildArticle', () => {
  it('derives a stable id from the cleaned text, whatever the Unicode form', () => {
    const text = 'Tiêu đề\n\nHợp tác viễn thông giữa hai nước tiếp tục phát triển.'
    const nfc = buildArticle(text, { origin: { kind: 'paste', name: null }, importedAt })!
    const nfd = buildArticle(text.normalize('NFD'), { origin: { kind: 'paste', name: null }, importedAt })!
    expect(nfd.id).toBe(nfc.id)
    expect(nfc.contentHash).toBe(contentHash(nfc.blocks))
    expect(nfc.id).toBe(nfc.contentHash.slice(0, 12))
  })

  it('falls back to the first sentence of the lead, without its opening time, when there is no title line', () => {
    const article = buildArticle('Ngày 3/10, hai bên đã gặp nhau tại Lima để bàn về hợp tác.', {
      origin: { kind: 'paste', name: null },
      importedAt,
    })!
    expect(article.title).toBe('Hai bên đã gặp nhau tại Lima để bàn về hợp tác')
    expect(article.language).toBe('vi')
    expect(article.wordCount).toBe(15)
  })

  it('returns null when nothing is left to read', () => {
    expect(buildArticle('Chỉ có tiêu đề', { origin: { kind: 'paste', name: null }, importedAt })).toBeNull()
  })
})
