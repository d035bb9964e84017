import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Node } from 'commonmark'
import { JSDOM } from 'jsdom'
import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import { formatCitation, numberCitations } from '../../src/common/brief/citations'
import { keyFigures } from '../../src/common/brief/key-figures'
import { isParaphrased } from '../../src/common/brief/passage-text'
import { renderBriefMarkdown } from '../../src/common/brief/render-markdown'
import { translate, type Locale } from '../../src/common/i18n/translate'
import type { Brief } from '../../src/common/model/brief'
import { childrenOf, expectedText, nodeTypes, parseCommonMark, textOf } from './commonmark-text'
import { FIXTURES_DIR, GENERATED_AT, loadBrief, ORPHANS } from './fixtures'

function render(brief: Brief, locale: Locale): string {
  return renderBriefMarkdown(brief, { locale, generatedAt: GENERATED_AT, orphanedAnnotationIds: ORPHANS })
}

const CASES = [
  ['brief', 'en'],
  ['brief', 'vi'],
  ['hostile', 'en'],
  ['hostile', 'vi'],
] as const

describe('golden Markdown exports', () => {
  it.each(CASES)('%s in %s matches its golden file', (name, locale) => {
    const markdown = render(loadBrief(name), locale)
    const golden = join(FIXTURES_DIR, `${name}.${locale}.md`)
    // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing it.
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, markdown)
    expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true)
    expect(markdown).toBe(readFileSync(golden, 'utf8'))
  })
})

const PLAIN_TEXT = new Set(['paragraph', 'text', 'softbreak'])

function onlyPlainText(node: Node, container: string): boolean {
  return [...nodeTypes(node)].every((type) => type === container || PLAIN_TEXT.has(type))
}

describe('round trip through an independent CommonMark implementation', () => {
  it.each(CASES)('%s in %s: every passage, heading and citation reads back literally', (name, locale) => {
    const brief = loadBrief(name)
    const top = childrenOf(parseCommonMark(render(brief, locale)))
    const { noteOf, notes } = numberCitations(brief.sections)
    const items = brief.sections.flatMap((section) => section.items)
    const quotes = top.filter((node) => node.type === 'block_quote')
    const quoted = items.filter((item) => !isParaphrased(item))
    expect(quotes).toHaveLength(quoted.length)

    quoted.forEach((item, index) => {
      const quote = quotes[index]!
      expect(textOf(quote)).toBe(`${expectedText(item.quote)}[^${noteOf.get(item.id)}]`)
      expect(onlyPlainText(quote, 'block_quote'), item.id).toBe(true)
    })

    const paragraphs = top.filter((node) => node.type === 'paragraph')
    for (const item of items.filter(isParaphrased)) {
      const paragraph = paragraphs.find((node) => textOf(node) === `${expectedText(item.paraphrase)}[^${noteOf.get(item.id)}]`)
      expect(paragraph, item.id).toBeDefined()
      expect(onlyPlainText(paragraph!, 'paragraph')).toBe(true)
    }

    // In plain CommonMark a footnote definition is a paragraph, never a swallowed link definition.
    notes.forEach((citation, index) => {
      const definition = paragraphs.find((node) => textOf(node) === `[^${index + 1}]: ${formatCitation(citation, locale)}`)
      expect(definition, `note ${index + 1}`).toBeDefined()
      expect(onlyPlainText(definition!, 'paragraph')).toBe(true)
    })

    const headings = top.filter((node) => node.type === 'heading')
    expect(headings.filter((node) => node.level === 1).map(textOf)).toEqual([brief.title.replace(/\s*\n\s*/g, ' ')])
    const sectionHeadings = headings.filter((node) => node.level === 2).map(textOf)
    expect(sectionHeadings).toEqual(expect.arrayContaining(brief.sections.map((section) => section.heading)))
  })

  it('keeps the user’s Markdown as Markdown, and closes a fence left open so the passages after it survive', () => {
    const top = childrenOf(parseCommonMark(render(loadBrief('hostile'), 'en')))
    const code = top.find((node) => node.type === 'code_block')
    expect(code?.literal).toBe("const open = 'fence'\n")
    const intro = top.find((node) => textOf(node).startsWith('The user'))
    expect(nodeTypes(intro!)).toContain('strong')
    expect(top.indexOf(top.find((node) => node.type === 'block_quote')!)).toBeGreaterThan(top.indexOf(code!))
  })

  it.each(['<style>', '<script>', '<pre class="x">', '<textarea>', '<!-- note', '<?php', '<!DOCTYPE html', '<![CDATA[ data'])(
    'closes a raw HTML block left open (%s), so a CommonMark tool still reads every later section and passage',
    (opening) => {
      const brief = loadBrief('brief')
      const [first, ...rest] = brief.sections
      const markdown = render({ ...brief, sections: [{ ...first!, body: `Before.\n\n${opening}\n\nStill inside.` }, ...rest] }, 'en')
      const top = childrenOf(parseCommonMark(markdown))
      const headings = top.filter((node) => node.type === 'heading' && node.level === 2).map(textOf)
      expect(headings).toEqual(expect.arrayContaining(brief.sections.map((section) => section.heading)))
      expect(top.filter((node) => node.type === 'block_quote').length).toBeGreaterThan(0)
    },
  )
})

describe('GFM rendering with marked (the preview’s renderer)', () => {
  it.each(CASES)('%s in %s: block quotes hold only the passage text, the figures table has a row per figure', (name, locale) => {
    const brief = loadBrief(name)
    // Front matter is for tools that read it (GitHub, pandoc, static site generators hide it);
    // marked knows none, so it is cut here as the app's preview would.
    const markdown = render(brief, locale)
    const html = marked.parse(markdown.slice(markdown.indexOf('\n---\n', 4) + 5), { async: false })
    const { document } = new JSDOM(html).window
    const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
    const { noteOf } = numberCitations(brief.sections)
    const quoted = brief.sections.flatMap((section) => section.items).filter((item) => !isParaphrased(item))
    const quotes = [...document.querySelectorAll('blockquote')]
    expect(quotes).toHaveLength(quoted.length)
    quoted.forEach((item, index) => {
      expect(collapse(quotes[index]!.textContent ?? '')).toBe(collapse(`${item.quote}[^${noteOf.get(item.id)}]`))
      expect([...quotes[index]!.querySelectorAll('*')].every((element) => element.tagName === 'P')).toBe(true)
    })
    expect(document.querySelector('script, img, a, em, del, code:not(pre code)')).toBeNull()
    const figures = keyFigures(brief.sections)
    const rows = [...document.querySelectorAll('table tbody tr')]
    expect(rows.map((row) => row.querySelector('td')?.textContent)).toEqual(figures.map((figure) => figure.text))
  })
})

/** A strict reader for the front matter this renderer writes: `key: null | integer | "JSON-compatible string"`. */
function readFrontMatter(markdown: string): Record<string, unknown> {
  const lines = markdown.split('\n')
  expect(lines[0]).toBe('---')
  const end = lines.indexOf('---', 1)
  expect(end).toBeGreaterThan(0)
  const values: Record<string, unknown> = {}
  for (const line of lines.slice(1, end)) {
    const match = /^([a-z]+): (null|\d+|"(?:[^"\\\p{Cc}]|\\["\\ntr]|\\u[0-9A-F]{4})*")$/u.exec(line)
    expect(match, line).not.toBeNull()
    const [, key = '', raw = ''] = match!
    expect(values, `duplicate key ${key}`).not.toHaveProperty(key)
    values[key] = JSON.parse(raw)
  }
  return values
}

describe('YAML front matter', () => {
  it.each(['brief', 'hostile'] as const)('reads back the metadata of %s exactly', (name) => {
    const brief = loadBrief(name)
    const items = brief.sections.flatMap((section) => section.items)
    expect(readFrontMatter(render(brief, 'vi'))).toEqual({
      title: brief.title,
      occasion: brief.occasion,
      date: brief.date,
      audience: brief.audience,
      marking: brief.marking,
      lang: 'vi',
      template: brief.templateId,
      passages: items.length,
      orphaned: items.filter((item) => ORPHANS.has(item.annotationId)).length,
      generated: GENERATED_AT,
    })
  })

  it('quotes every string, so that YAML never reads one as a boolean, a number or a structure', () => {
    const markdown = render(loadBrief('hostile'), 'en')
    expect(markdown).toContain('audience: "NO"\n')
    expect(markdown).toContain('occasion: "- yes: no # comment\\n---"\n')
    expect(markdown).toContain('date: null\n')
    // No raw HTML or entity even for a renderer that shows front matter as text.
    const frontMatter = markdown.slice(0, markdown.indexOf('\n---\n', 4))
    expect(frontMatter).not.toMatch(/[<&]/)
  })
})

describe('orphaned passages', () => {
  it('are flagged in the language of the brief and never dropped', () => {
    const brief = loadBrief('brief')
    for (const locale of ['en', 'vi'] as const) {
      const top = childrenOf(parseCommonMark(render(brief, locale)))
      const label = translate(locale, 'brief.md.orphan.label')
      const flags = top.filter((node) => node.type === 'paragraph' && textOf(node).startsWith(`${label}:`))
      expect(flags).toHaveLength(1)
      const next = flags[0]!.next!
      expect(next.type).toBe('block_quote')
      expect(textOf(next)).toContain('146,8 triệu USD')
    }
  })

  it('accept a map as well as a set, and nothing is flagged without them', () => {
    const brief = loadBrief('brief')
    const withMap = renderBriefMarkdown(brief, { locale: 'en', generatedAt: GENERATED_AT, orphanedAnnotationIds: new Map([['an_0000000000000002', 'orphan']]) })
    expect(withMap).toBe(render(brief, 'en'))
    const without = renderBriefMarkdown(brief, { locale: 'en', generatedAt: GENERATED_AT })
    expect(without).not.toContain('Orphaned passage')
    expect(without).toContain('146,8 triệu USD')
    expect(without).toContain('orphaned: 0\n')
  })
})

describe('layout', () => {
  it('leaves the key figures table out when the layout says so', () => {
    const markdown = renderBriefMarkdown(loadBrief('brief'), { locale: 'vi', generatedAt: GENERATED_AT, keyFigures: false })
    expect(markdown).not.toContain('## Số liệu chính')
    expect(markdown).toContain('## Nguồn tham khảo')
  })

  it('prints the marking first and last, a built-in one in the brief’s language, and leaves out empty fields', () => {
    const brief = { ...loadBrief('brief'), occasion: '', audience: ' ', date: null }
    const markdown = renderBriefMarkdown(brief, { locale: 'en', generatedAt: GENERATED_AT })
    const body = markdown.slice(markdown.indexOf('\n---\n', 4) + 5).trim()
    // "Nội bộ" is the built-in "Internal": an English brief says so in English.
    expect(body.startsWith('**Marking: Internal**')).toBe(true)
    expect(body.endsWith('**Marking: Internal**')).toBe(true)
    expect(markdown).toMatch(/^marking: "Internal"$/m)
    expect(markdown).not.toMatch(/\*\*(Occasion|Date|Audience):\*\*/)
    const vietnamese = renderBriefMarkdown({ ...brief, marking: 'Internal' }, { locale: 'vi', generatedAt: GENERATED_AT })
    expect(vietnamese).toContain('**Phạm vi lưu hành: Nội bộ**')
    expect(vietnamese).not.toContain('Internal')
    // The user's own marking is printed word for word in either language.
    expect(renderBriefMarkdown({ ...brief, marking: 'Chỉ đọc tại chỗ' }, { locale: 'en', generatedAt: GENERATED_AT })).toContain('**Marking: Chỉ đọc tại chỗ**')
  })

  it('renders an empty brief without sources or figures', () => {
    const brief = { ...loadBrief('brief'), marking: '', sections: [] }
    const markdown = renderBriefMarkdown(brief, { locale: 'en', generatedAt: GENERATED_AT })
    expect(markdown).not.toMatch(/## (Sources|Key figures)|\[\^|Marking:/)
    expect(markdown).toContain('# Việt Nam – Peru')
  })
})
