import { describe, expect, it } from 'vitest'
import { escapeMarkdown, escapeMarkdownInline } from '../../src/common/brief/escape-markdown'
import { expectedText, nodeTypes, parseCommonMark, textOf } from './commonmark-text'

const HOSTILE = [
  '*bold* _italic_ **strong** __strong__ `code` ``code``',
  '~~strike~~ H~2~O x^2^ $E = mc^2$ and $5 or $$x$$',
  '<script>alert(1)</script> <b>tag</b> <!-- comment --> <?php ?> <![CDATA[x]]>',
  '<http://example.org> <a@b.org> [link](http://example.org) ![image](x.png) [ref][1] [^1]',
  '&amp; &#169; &#x41; &copy &nbsp; AT&T',
  'a\\b \\* \\\\ ends with a backslash\\',
  '| a | b |\n| --- | --- |\n| 1 | 2 |',
  '1. one\n2) two\n10. ten\n- dash\n+ plus\n* star\n> quote\n# heading\n###### six',
  'text\n===\nmore\n---\n***\n___\n- - -',
  '    indented code\n\tcode with a tab\n```\nfence\n```\n~~~\nfence\n~~~',
  '[^1]: footnote definition\n[ref]: http://example.org "title"\n: definition\n(1) pandoc\n(a) pandoc\na. letter\niv) roman\n(@) example',
  'trailing double spaces  \nnext line\n\n\n\nafter blank lines',
  'Đà Nẵng *và* _Hà Nội_ — 1.234,5 triệu USD, tăng 2,5%!',
  'Wow!',
]

function roundTrip(text: string): string {
  return textOf(parseCommonMark(escapeMarkdown(text)))
}

function quoteRoundTrip(text: string): string {
  const quoteMd = escapeMarkdown(text)
    .split('\n')
    .map((lineMd) => (lineMd === '' ? '>' : `> ${lineMd}`))
    .join('\n')
  return textOf(parseCommonMark(quoteMd))
}

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('keeps %j literal in CommonMark', (text) => {
    const document = parseCommonMark(escapeMarkdown(text))
    expect(textOf(document)).toBe(expectedText(text))
    const types = [...nodeTypes(document)].filter((type) => !['document', 'paragraph', 'text', 'softbreak'].includes(type))
    expect(types).toEqual([])
  })

  it('makes escaped text look escaped, and leaves ordinary text alone', () => {
    expect(escapeMarkdown('*Bitel* & <Viettel>')).toBe('\\*Bitel\\* \\& \\<Viettel\\>')
    expect(escapeMarkdown('1. first\n- second')).toBe('1\\. first\n\\- second')
    expect(escapeMarkdown('Bitel có 7,1 triệu thuê bao (2023).')).toBe('Bitel có 7,1 triệu thuê bao (2023).')
    expect(escapeMarkdown('2.5% of trade')).toBe('2.5% of trade')
    expect(escapeMarkdown('(TTXVN) Hà Nội')).toBe('(TTXVN) Hà Nội')
    expect(escapeMarkdown('Wow!')).toBe('Wow\\!')
  })

  it('keeps paragraphs, drops trailing spaces and leading indentation', () => {
    expect(escapeMarkdown('  one  \ntwo\n\n\n\nthree\n')).toBe('one\ntwo\n\nthree')
  })

  it('survives random strings of Markdown punctuation', () => {
    const alphabet = [...'*_#[]<>`\\|~+-=.)(!:&;$^@/{}%"\'1a x', '\n', '\t', '  ', 'ệ']
    let seed = 12345
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let round = 0; round < 1500; round++) {
      const length = 1 + Math.floor(random() * 40)
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
      expect(roundTrip(text), JSON.stringify(text)).toBe(expectedText(text))
      expect(quoteRoundTrip(text), JSON.stringify(text)).toBe(expectedText(text))
    }
  })
})

describe('escapeMarkdownInline', () => {
  it('puts everything on one line', () => {
    expect(escapeMarkdownInline('# Title\nsecond line\r\n- third')).toBe('\\# Title second line - third')
  })

  it('escapes pipes for tables and a final "!" for a following footnote', () => {
    expect(escapeMarkdownInline('A|B!')).toBe('A\\|B\\!')
  })
})
