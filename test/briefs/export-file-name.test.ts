import { describe, expect, it } from 'vitest'
import { exportFileName } from '../../src/common/briefing/export-file-name'

describe('export file names', () => {
  it('keeps a Vietnamese title as it reads, in NFC', () => {
    expect(exportFileName('Thương mại Việt Nam – Peru'.normalize('NFD'), 'pdf')).toBe('Thương mại Việt Nam – Peru.pdf')
  })

  it('replaces every character some system forbids, and control characters', () => {
    expect(exportFileName('a/b\\c:d*e?f"g<h>i|j\u0000k\u001fl\u007fm', 'md')).toBe('a b c d e f g h i j k l m.md')
  })

  it('never yields a hidden file, a trailing dot or an empty name', () => {
    expect(exportFileName('...', 'md')).toBe('brief.md')
    expect(exportFileName('  ', 'md')).toBe('brief.md')
    expect(exportFileName('.env', 'md')).toBe('env.md')
    expect(exportFileName('Notes. ', 'html')).toBe('Notes.html')
  })

  it('steps around the reserved Windows device names, with or without an extension', () => {
    for (const name of ['CON', 'prn', 'Aux', 'NUL', 'com1', 'LPT9', 'con.txt']) expect(exportFileName(name, 'pdf')).toBe(`_${name}.pdf`)
    expect(exportFileName('CONSUL', 'pdf')).toBe('CONSUL.pdf')
  })

  it('caps long names by UTF-8 bytes without cutting a letter in half', () => {
    const name = exportFileName('Hợp tác '.repeat(60), 'pdf')
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(160)
    expect(name.endsWith('.pdf')).toBe(true)
    expect(name).not.toContain('\uFFFD')
    expect('Hợp tác '.repeat(60).startsWith(name.slice(0, -4))).toBe(true)
  })
})
