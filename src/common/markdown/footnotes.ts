import type { MarkedExtension, Tokens } from 'marked'

/**
 * Footnotes in the `[^n]` syntax of GFM and pandoc, which the brief export uses for citations:
 * a reference becomes a superscript link to its note, a definition line `[^n]: text` becomes the
 * note, its label linking back. marked has no footnotes of its own; without this, the HTML and PDF exports
 * and the preview would show the markers as literal text. An escaped `\[^n]` stays literal (the
 * escape is consumed before this extension sees the bracket).
 */
const LABEL = '[A-Za-z0-9_-]{1,40}'
const REFERENCE = new RegExp(`^\\[\\^(${LABEL})\\](?!:)`)
const DEFINITION = new RegExp(`^\\[\\^(${LABEL})\\]:[ \\t]+([^\\n]*)(?:\\n+|$)`)

interface FootnoteToken extends Tokens.Generic {
  readonly label: string
}

export const footnotes: MarkedExtension = {
  extensions: [
    {
      name: 'footnoteDefinition',
      level: 'block',
      start: (src: string) => src.match(/^\[\^/m)?.index,
      tokenizer(src: string) {
        const match = DEFINITION.exec(src)
        if (match === null) return undefined
        const token: FootnoteToken = { type: 'footnoteDefinition', raw: match[0], label: match[1] ?? '', tokens: [] }
        this.lexer.inline(match[2] ?? '', token.tokens)
        return token
      },
      renderer(token) {
        const { label } = token as FootnoteToken
        const text = this.parser.parseInline(token.tokens ?? [])
        // The label links back to the (first) reference; no arrow glyph, which the bundled fonts lack.
        return `<p class="footnote" id="fn-${label}"><sup><a href="#fnref-${label}">${label}</a></sup> ${text}</p>\n`
      },
    },
    {
      name: 'footnoteReference',
      level: 'inline',
      start: (src: string) => src.indexOf('[^') >= 0 ? src.indexOf('[^') : undefined,
      tokenizer(src: string) {
        const match = REFERENCE.exec(src)
        if (match === null) return undefined
        const token: FootnoteToken = { type: 'footnoteReference', raw: match[0], label: match[1] ?? '' }
        return token
      },
      renderer(token) {
        const { label } = token as FootnoteToken
        return `<sup class="footnote-ref"><a href="#fn-${label}" id="fnref-${label}">${label}</a></sup>`
      },
    },
  ],
}
