import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeFileName } from '../../src/common/files/safe-file-name'

const utf8Length = (text: string) => new TextEncoder().encode(text).length

describe('safeFileName', () => {
  it('keeps an ordinary Vietnamese title as it reads', () => {
    expect(safeFileName('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD', { extension: '.md' })).toBe('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD.md')
  })

  it('replaces separators and the characters Windows forbids', () => {
    expect(safeFileName('APEC 2024/2025: Hà Nội <-> Lima? "tóm tắt" * | \\', { extension: '.md' })).toBe('APEC 2024-2025- Hà Nội --- Lima- -tóm tắt- - - -.md')
  })

  it('cannot climb out of the folder or hide the file', () => {
    expect(safeFileName('../../etc/passwd')).toBe('-..-etc-passwd')
    expect(safeFileName('..')).toBe('untitled')
    expect(safeFileName('.bashrc')).toBe('bashrc')
    expect(safeFileName('C:\\Windows\\System32')).toBe('C--Windows-System32')
  })

  it('drops control and invisible formatting characters, including a right-to-left override', () => {
    expect(safeFileName('brief\u202Efdp.exe')).toBe('brief fdp.exe')
    expect(safeFileName('a\u0000b\u0007c\nd\te')).toBe('a b c d e')
  })

  it('drops trailing dots and spaces, which Windows would strip', () => {
    expect(safeFileName('Báo cáo... ', { extension: '.pdf' })).toBe('Báo cáo.pdf')
  })

  it.each(['CON', 'prn', 'Aux', 'NUL', 'COM1', 'lpt9', 'COM¹', 'con.txt', 'NUL.tar'])('renames the Windows device name %s', (name) => {
    expect(safeFileName(name)).toBe(`_${name}`)
  })

  it('falls back when nothing is left', () => {
    expect(safeFileName('   ', { extension: '.md', fallback: 'brief' })).toBe('brief.md')
    expect(safeFileName('\u200B\u200E')).toBe('untitled')
  })

  it('caps the length in bytes without splitting a letter from its accents', () => {
    const title = 'Ủy ban Hợp tác Kinh tế Việt Nam – Peru '.repeat(20)
    const name = safeFileName(title, { extension: '.md', maxBytes: 100 })
    expect(utf8Length(name)).toBeLessThanOrEqual(100)
    expect(name.endsWith('.md')).toBe(true)
    expect(title.normalize('NFC').startsWith(name.slice(0, -3))).toBe(true)
    // Decomposed input (NFD, as macOS file names) is composed first, then cut between letters.
    const decomposed = 'ệ'.normalize('NFD').repeat(40)
    const cut = safeFileName(decomposed, { maxBytes: 10 })
    expect(cut).toBe('ệ'.repeat(3))
  })

  it('always gives a usable name, whatever the title', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('', '.md', '.pdf', '.html'), (title, extension) => {
        const name = safeFileName(title, { extension, maxBytes: 120 })
        expect(utf8Length(name)).toBeLessThanOrEqual(120)
        expect(name).not.toMatch(/[/\\:*?"<>|\p{Cc}\p{Cf}]/u)
        expect(name.slice(0, name.length - extension.length)).not.toMatch(/^[\s.]|[\s.]$/u)
        expect(name.length).toBeGreaterThan(extension.length)
        expect(name.slice(0, name.length - extension.length)).not.toMatch(/^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/iu)
        // Valid UTF-8: no lone surrogate was produced by the cut.
        expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(name))).toBe(name)
      }),
      { numRuns: 500, seed: 8 },
    )
  })
})
