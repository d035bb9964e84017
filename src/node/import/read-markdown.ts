import { Lexer, type Token, type Tokens } from 'marked'
import { isStandaloneAgencyLine, parseIsoDate } from '../../common/agency/agency-patterns'
import { sourceBlock, type SourceBlock, type SourceBlockKind } from '../../common/agency/source-block'
import { normalizeLine } from '../../common/text/normalize'
import { emptyDraft, type ImportDraft } from './draft'
import type { DetectedEncoding } from './decode'
import { htmlToSourceBlocks, parseDocument } from './html-blocks'
import { decodeEntities, decodeOrThrow } from './reader-support'

/**
 * .md: Markdown to blocks with marked's lexer (the renderer is not used: we want text, not HTML).
 *
 * Headings stay headings, paragraphs and list items become paragraphs, emphasis, links and code
 * spans keep only their text, images keep their alt text as 'image-alt' (recorded by the cleaner),
 * a paragraph that is a single link is marked as a link (a related story), tables become one
 * paragraph per row. Soft line breaks join lines into one paragraph, except around lines an agency
 * paste keeps apart (captions, credit lines, bracketed links), so a story pasted into a .md file
 * reads the same as the .txt. YAML-style front matter (title, date, source, url, author) is read.
 */

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/u
const HARD_BREAK = '\u2028'

interface FrontMatter {
  readonly [key: string]: string
}

function parseFrontMatter(text: string): { fields: FrontMatter; body: string } {
  const match = FRONT_MATTER.exec(text)
  if (!match) return { fields: {}, body: text }
  const fields: Record<string, string> = {}
  for (const line of (match[1] ?? '').split(/\r?\n/u)) {
    const field = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/u.exec(line)
    if (!field?.[1]) continue
    const value = (field[2] ?? '').trim().replace(/^(["'])(.*)\1$/u, '$2')
    if (value !== '') fields[field[1].toLowerCase()] = value
  }
  return { fields, body: text.slice(match[0].length) }
}

type Piece = { readonly image: string } | { readonly text: string }

/** Inline tokens as text pieces; images are kept apart. */
function inline(tokens: readonly Token[] | undefined, pieces: Piece[] = []): Piece[] {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'image':
        pieces.push({ image: decodeEntities((token as Tokens.Image).text) })
        break
      case 'br':
        pieces.push({ text: HARD_BREAK })
        break
      case 'html':
        pieces.push({ text: decodeEntities(String(token['text'] ?? '').replace(/<[^>]*>/gu, '')) })
        break
      case 'codespan':
      case 'escape':
        pieces.push({ text: decodeEntities(String(token['text'] ?? '')) })
        break
      default: {
        const generic = token as Tokens.Generic
        if (generic.tokens && generic.tokens.length > 0) inline(generic.tokens, pieces)
        else if (typeof generic['text'] === 'string') pieces.push({ text: decodeEntities(generic['text']) })
      }
    }
  }
  return pieces
}

/** A paragraph made of one or more links and nothing else (spaces and punctuation aside). */
function isLinkOnly(tokens: readonly Token[]): boolean {
  const meaningful = tokens.filter((token) => !(token.type === 'text' && /^[\s\p{P}]*$/u.test(String(token['text']))))
  return meaningful.length > 0 && meaningful.every((token) => token.type === 'link')
}

/** Text with soft breaks to blocks: lines join, but agency lines stand alone. */
function textBlocks(text: string, kind: SourceBlockKind, out: SourceBlock[]): void {
  for (const hardLine of text.split(HARD_BREAK)) {
    let run: string[] = []
    const flush = () => {
      const block = sourceBlock(kind, run.join(' '))
      if (block !== null) out.push(block)
      run = []
    }
    for (const raw of hardLine.split('\n')) {
      const line = normalizeLine(raw)
      if (line === '') continue
      if (kind === 'paragraph' && isStandaloneAgencyLine(line)) {
        flush()
        run.push(line)
        flush()
      } else {
        run.push(line)
      }
    }
    flush()
  }
}

function paragraphBlocks(tokens: readonly Token[], kind: SourceBlockKind, out: SourceBlock[]): void {
  const linkOnly = kind === 'paragraph' && isLinkOnly(tokens)
  let text = ''
  for (const piece of inline(tokens)) {
    if ('image' in piece) {
      textBlocks(text, kind, out)
      text = ''
      const alt = sourceBlock('image-alt', piece.image)
      if (alt !== null) out.push(alt)
    } else {
      text += piece.text
    }
  }
  textBlocks(text, linkOnly ? 'link' : kind, out)
}

function blockTokens(tokens: readonly Token[], out: SourceBlock[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        paragraphBlocks((token as Tokens.Heading).tokens, 'heading', out)
        break
      case 'paragraph':
        paragraphBlocks((token as Tokens.Paragraph).tokens, 'paragraph', out)
        break
      case 'text':
        // Text directly in a tight list item, possibly with inline tokens.
        paragraphBlocks((token as Tokens.Text).tokens ?? [{ type: 'text', raw: token.raw, text: (token as Tokens.Text).text }], 'paragraph', out)
        break
      case 'list':
        for (const item of (token as Tokens.List).items) blockTokens(item.tokens, out)
        break
      case 'blockquote':
        blockTokens((token as Tokens.Blockquote).tokens, out)
        break
      case 'code':
        for (const line of (token as Tokens.Code).text.split('\n')) {
          const block = sourceBlock('paragraph', line)
          if (block !== null) out.push(block)
        }
        break
      case 'table': {
        const table = token as Tokens.Table
        for (const row of [table.header, ...table.rows]) {
          const cells = row.map((cell) => inline(cell.tokens).map((piece) => ('text' in piece ? piece.text : '')).join(''))
          const block = sourceBlock('paragraph', cells.map((cell) => normalizeLine(cell)).filter((cell) => cell !== '').join('; '))
          if (block !== null) out.push(block)
        }
        break
      }
      case 'html': {
        const body = parseDocument(String(token['text'] ?? '')).body
        if (body !== null) out.push(...htmlToSourceBlocks(body, { dropChrome: false }))
        break
      }
      default:
        // space, hr, def: no text.
        break
    }
  }
}

/** Markdown text (already decoded) to a draft. */
export function markdownDraft(text: string, encoding: DetectedEncoding | null): ImportDraft {
  const { fields, body } = parseFrontMatter(text)
  const blocks: SourceBlock[] = []
  blockTokens(Lexer.lex(body, { gfm: true }), blocks)
  const url = fields['url'] ?? fields['link'] ?? fields['canonical'] ?? null
  return {
    ...emptyDraft('md', encoding, blocks),
    title: fields['title'] ?? null,
    published: parseIsoDate(fields['date'] ?? fields['published'] ?? fields['pubdate'] ?? null),
    source: fields['source'] ?? fields['publisher'] ?? null,
    byline: fields['author'] ?? fields['byline'] ?? null,
    url: url !== null && /^https?:\/\//iu.test(url) ? url : null,
  }
}

export function readMarkdown(bytes: Uint8Array, file: string): ImportDraft {
  const { text, encoding } = decodeOrThrow(bytes, file)
  return markdownDraft(text, encoding)
}
