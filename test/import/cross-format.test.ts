import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/node/import/import-file'
import { importText } from '../../src/node/import/import-text'
import { buildArticle } from '../../src/node/library/build-article'
import { ROOT } from '../helpers'

const FILES = join(ROOT, 'test', 'fixtures', 'import', 'files')
const now = new Date('2026-01-02T03:04:05Z')

// The same story, written once (vi-bitel.txt) and present in every format and encoding a user may
// bring. Deduplication relies on all of them giving one content hash.
const SAME_STORY = [
  'vi-bitel.txt',
  'vi-bitel.utf8-bom.txt',
  'vi-bitel.utf16le.txt',
  'vi-bitel.utf16be.txt',
  'vi-bitel.utf16le-nobom.txt',
  'vi-bitel.windows-1258.txt',
  'vi-bitel.nfd-crlf.txt',
  'vi-bitel.md',
  'vi-bitel.html',
  'vi-bitel.windows-1258.html',
  'vi-bitel.docx',
  'vi-bitel.pdf',
]

describe('the same article from any format, encoding or Unicode form', () => {
  it('has one content hash, one id and the same metadata', async () => {
    const outcomes = await Promise.all(SAME_STORY.map((name) => importFile(join(FILES, name), { now })))
    const articles = outcomes.map((outcome, i) => {
      if (!outcome.ok) throw new Error(`${SAME_STORY[i]}: ${outcome.error.message}`)
      return outcome.article
    })
    const reference = articles[0]!
    for (const [i, article] of articles.entries()) {
      const name = SAME_STORY[i]
      expect(article.contentHash, name).toBe(reference.contentHash)
      expect(article.id, name).toBe(reference.id)
      expect(article.title, name).toBe('Việt Nam và Peru mở rộng hợp tác viễn thông và giáo dục')
      expect(article.published, name).toBe('2024-10-03')
      expect(article.source, name).toBe('TTXVN/Vietnam+')
      expect(article.language, name).toBe('vi')
      expect(article.captions.map((caption) => caption.text), name).toEqual([
        'Học sinh một trường vùng cao của Peru theo dõi bài giảng trực tuyến qua mạng Bitel. (Ảnh: TTXVN phát)',
      ])
    }
  })

  it('records the encoding it detected, and how', async () => {
    const encodings: Record<string, unknown> = {}
    for (const name of SAME_STORY) {
      const outcome = await importFile(join(FILES, name), { now })
      if (outcome.ok) encodings[name] = outcome.encoding && `${outcome.encoding.name}${outcome.encoding.bom ? '+bom' : ''} (${outcome.encoding.basis})`
    }
    expect(encodings).toEqual({
      'vi-bitel.txt': 'utf-8 (valid-utf-8)',
      'vi-bitel.utf8-bom.txt': 'utf-8+bom (bom)',
      'vi-bitel.utf16le.txt': 'utf-16le+bom (bom)',
      'vi-bitel.utf16be.txt': 'utf-16be+bom (bom)',
      'vi-bitel.utf16le-nobom.txt': 'utf-16le (byte-statistics)',
      'vi-bitel.windows-1258.txt': 'windows-1258 (byte-statistics)',
      'vi-bitel.nfd-crlf.txt': 'utf-8 (valid-utf-8)',
      'vi-bitel.md': 'utf-8 (valid-utf-8)',
      'vi-bitel.html': 'utf-8 (valid-utf-8)',
      'vi-bitel.windows-1258.html': 'windows-1258 (declared)',
      'vi-bitel.docx': null,
      'vi-bitel.pdf': null,
    })
  })

  it('matches the hash of a paste of the same text and of the library builder', async () => {
    const text = await readFile(join(FILES, 'vi-bitel.txt'), 'utf8')
    const file = await importFile(join(FILES, 'vi-bitel.txt'), { now })
    const paste = importText(text.normalize('NFD'), { now })
    const built = buildArticle(text, { origin: { kind: 'paste', name: null }, importedAt: now })
    expect(file.ok && paste.ok).toBe(true)
    if (!file.ok || !paste.ok) return
    expect(paste.article.contentHash).toBe(file.article.contentHash)
    expect(built?.contentHash).toBe(file.article.contentHash)
  })

  it('gives the English and Spanish stories one hash per story across formats and code pages', async () => {
    const pairs = [
      ['en-vna.txt', 'en-vna.html'],
      ['es-efe.txt', 'es-efe.windows-1252.txt'],
    ] as const
    for (const [a, b] of pairs) {
      const [first, second] = await Promise.all([importFile(join(FILES, a), { now }), importFile(join(FILES, b), { now })])
      expect(first.ok && second.ok, `${a} / ${b}`).toBe(true)
      if (first.ok && second.ok) expect(second.article.contentHash, b).toBe(first.article.contentHash)
    }
  })
})
