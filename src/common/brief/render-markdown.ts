import type { Brief, PassageItem, Section } from '../model/brief'
import { translate, type Locale } from '../i18n/translate'
import { formatBriefDate } from './brief-dates'
import { formatCitation, formatSource, formatSourceNotes, numberCitations } from './citations'
import { escapeMarkdown, escapeMarkdownInline } from './escape-markdown'
import { figureKindLabel, formatFigureValue } from './format-figure'
import { localizedMarking } from './default-markings'
import { briefFrontMatter } from './front-matter'
import { keyFigures, type KeyFigure } from './key-figures'
import { isParaphrased, passageText, printedNote, startsMidSentence } from './passage-text'
import { dossierSectionBlocks, whatsNewLinesMd } from './render-dossier'
import { containUserMarkdown } from './user-markdown'

/**
 * A brief as a Markdown document. Layout, top to bottom:
 *
 *   ---                                YAML front matter (front-matter.ts)
 *   **Marking: Internal**              the handling marking, first and last line of the text
 *   # Title
 *   **Occasion:** …\ **Date:** …\ **Audience:** …   (backslash hard breaks; empty fields left out)
 *   ## Section heading                 each section: heading, the user's Markdown body, passages
 *                                      (a section with neither is left out unless kept on purpose)
 *   > verbatim quote[^1]               a quoted passage is a block quote of the source text
 *                                      ("…" first when the quote begins inside a sentence)
 *   **Comment:** the highlight's note  the author's comment under its passage (user Markdown)
 *   paraphrase[^2]                     a paraphrased passage is a plain paragraph, still cited
 *   **Orphaned passage:** …            before a passage whose highlight became an orphan
 *   | Name | Role | … | Source |          a dossier section: Who's who and Chronology as tables, What's
 *                                      new as a list, each row with its footnote (render-dossier.ts)
 *   ## Key figures                     table: figure as written | kind | value | section [^n]
 *   ## Sources                         ordered list, one entry per article, with its notes
 *   [^1]: “Title”, agency, date, paragraph N.
 *
 * Footnotes use the `[^n]` syntax of GFM, pandoc, markdown-it and marked-footnote, numbered in
 * document order, one per distinct citation (citations.ts). In a plain CommonMark renderer they
 * degrade to readable text: each reference shows as a literal "[^1]" and each definition as a
 * paragraph "[^1]: “Title”, …" at the end. A footnote definition must never read as a link
 * reference definition, which CommonMark would swallow: the citation message ends with the
 * paragraph number, after the title and agency, which no link title can do (a translation must
 * keep it so; the round-trip test checks both catalogues). Likewise the pipe table shows as lines
 * of text, and the front matter as a rule followed by a heading made of its lines (its values
 * carry no raw HTML or entity, see yaml-scalar.ts). pandoc shows the front matter's title in its
 * own title block as well as the `# Title` line.
 *
 * Every piece of text that comes from an article, a note or a field of the brief is escaped
 * (escape-markdown.ts); only a section's body is the user's Markdown (user-markdown.ts). Variables
 * ending in `Md` hold Markdown; everything else is plain text.
 */
export interface MarkdownOptions {
  /**
   * The language of the fixed words (Sources, Key figures, Marking…), of dates and numbers and of a
   * built-in marking: the brief's own language (brief-language.ts), not the interface's.
   */
  readonly locale: Locale
  /** ISO timestamp written to the front matter as `generated`: the caller's clock, not ours. */
  readonly generatedAt: string
  /** Ids of annotations whose highlight is orphaned: their passages are flagged, never dropped. */
  readonly orphanedAnnotationIds?: ReadonlySet<string> | ReadonlyMap<string, unknown>
  /** The key figures table (on unless a template's layout turns it off). */
  readonly keyFigures?: boolean
}

function bold(labelMd: string): string {
  return `**${labelMd}**`
}

function label(locale: Locale, key: Parameters<typeof translate>[1]): string {
  return escapeMarkdownInline(translate(locale, key))
}

function sectionHeading(section: Section, locale: Locale): string {
  return section.heading.trim() === '' ? translate(locale, 'brief.section.untitled') : section.heading
}

/** The marking line printed first and last ("**Marking: Internal**"), or null without a marking. */
function markingLine(brief: Brief, locale: Locale): string | null {
  if (brief.marking.trim() === '') return null
  return bold(`${label(locale, 'brief.md.marking')}: ${escapeMarkdownInline(localizedMarking(brief.marking, locale))}`)
}

/**
 * Whether a section is exported: one with text, passages or dossier rows, or one the user keeps on
 * purpose. What's new counts as filled when the brief gained something since its last export
 * (given the brief; without it, it counts as empty).
 */
export function sectionExported(section: Section, brief?: Brief): boolean {
  if (section.keepWhenEmpty === true || section.items.length > 0 || section.body.trim() !== '' || (section.rows ?? []).length > 0) return true
  return section.dossier === 'whatsNew' && brief !== undefined && whatsNewLinesMd(brief, new Map(), 'en').length > 0
}

function titleBlock(brief: Brief, locale: Locale): string[] {
  const blocks: string[] = []
  blocks.push(`# ${escapeMarkdownInline(brief.title)}`)
  const factsMd: string[] = []
  if (brief.occasion.trim() !== '') factsMd.push(`${bold(`${label(locale, 'brief.md.occasion')}:`)} ${escapeMarkdownInline(brief.occasion)}`)
  if (brief.date !== null) factsMd.push(`${bold(`${label(locale, 'brief.md.date')}:`)} ${escapeMarkdownInline(formatBriefDate(brief.date, locale))}`)
  if (brief.audience.trim() !== '') factsMd.push(`${bold(`${label(locale, 'brief.md.audience')}:`)} ${escapeMarkdownInline(brief.audience)}`)
  if (factsMd.length > 0) blocks.push(factsMd.join('\\\n'))
  return blocks
}

function passageBlocks(item: PassageItem, noteMd: string, orphaned: boolean, locale: Locale): string[] {
  const blocks: string[] = []
  if (orphaned) {
    blocks.push(`${bold(`${label(locale, 'brief.md.orphan.label')}:`)} ${label(locale, 'brief.md.orphan.explanation')}`)
  }
  const ellipsis = !isParaphrased(item) && startsMidSentence(item) ? '…' : ''
  const textMd = `${ellipsis}${escapeMarkdown(passageText(item))}${noteMd}`
  if (isParaphrased(item)) {
    blocks.push(textMd)
  } else {
    blocks.push(
      textMd
        .split('\n')
        .map((lineMd) => (lineMd === '' ? '>' : `> ${lineMd}`))
        .join('\n'),
    )
  }
  return blocks
}

function keyFiguresTable(figures: readonly KeyFigure[], sections: readonly Section[], noteOf: ReadonlyMap<string, number>, locale: Locale): string[] {
  const headingMdOf = new Map(sections.map((section) => [section.id, escapeMarkdownInline(sectionHeading(section, locale))]))
  const kindMd = (kind: KeyFigure['kind']) => escapeMarkdownInline(figureKindLabel(kind, locale))
  const kindsMd = { amount: kindMd('amount'), percent: kindMd('percent'), count: kindMd('count'), date: kindMd('date') }
  const row = (cellsMd: readonly string[]) => `| ${cellsMd.join(' | ')} |`
  const lines = [
    row([
      label(locale, 'brief.md.figures.figure'),
      label(locale, 'brief.md.figures.kind'),
      label(locale, 'brief.md.figures.value'),
      label(locale, 'brief.md.figures.passage'),
    ]),
    row(['---', '---', '---', '---']),
    ...figures.map((figure) =>
      row([
        escapeMarkdownInline(figure.text),
        kindsMd[figure.kind],
        escapeMarkdownInline(formatFigureValue(figure, locale)),
        `${headingMdOf.get(figure.sectionId) ?? ''} [^${noteOf.get(figure.itemId) ?? 0}]`,
      ]),
    ),
  ]
  return [`## ${label(locale, 'brief.md.keyFigures')}`, lines.join('\n')]
}

/**
 * One block of the brief's body: a self-contained piece of Markdown (a heading, a section's body,
 * a passage, the key figures table, the source list, one footnote). The Markdown export joins the
 * blocks with blank lines; the HTML export and the preview render each block on its own
 * (render-body-html.ts), so that markup left open in one (a section's raw `<table>` or `<style>`)
 * is closed at its end and cannot hide the blocks after it.
 *
 * `user-markdown` is the user's own Markdown (a section's body), which must be sanitised;
 * `escaped` blocks are built by this file from escaped text only.
 */
export interface BriefBlock {
  readonly source: 'user-markdown' | 'escaped'
  readonly markdown: string
  /**
   * What the block is, where its HTML needs a class of its own: the marking line (styled and,
   * in print, left to the page header) and a passage's comment (set apart under its quote).
   */
  readonly role?: 'marking' | 'comment'
}

/** The brief's body as blocks, top to bottom: everything but the front matter. */
export function briefBlocks(brief: Brief, options: MarkdownOptions): BriefBlock[] {
  const { locale } = options
  const orphans = options.orphanedAnnotationIds ?? new Set<string>()
  const { noteOf, notes, sources } = numberCitations(brief.sections)
  const blocks: BriefBlock[] = []
  const escaped = (...markdown: string[]) => blocks.push(...markdown.map((md) => ({ source: 'escaped' as const, markdown: md })))

  const markingMd = markingLine(brief, locale)
  if (markingMd !== null) blocks.push({ source: 'escaped', markdown: markingMd, role: 'marking' })
  escaped(...titleBlock(brief, locale))

  const showNotes = brief.showNotes !== false
  for (const section of brief.sections) {
    if (!sectionExported(section, brief)) continue
    escaped(`## ${escapeMarkdownInline(sectionHeading(section, locale))}`)
    const bodyMd = containUserMarkdown(section.body)
    if (bodyMd !== '') blocks.push({ source: 'user-markdown', markdown: bodyMd })
    escaped(...dossierSectionBlocks(brief, section, noteOf, locale))
    for (const item of section.items) {
      escaped(...passageBlocks(item, `[^${noteOf.get(item.id) ?? 0}]`, orphans.has(item.annotationId), locale))
      const commentMd = showNotes ? containUserMarkdown(printedNote(item)) : ''
      // The note is the author's own Markdown (sanitised like a section's text), after its label.
      if (commentMd !== '') blocks.push({ source: 'user-markdown', markdown: `${bold(`${label(locale, 'brief.md.comment')}:`)} ${commentMd}`, role: 'comment' })
    }
  }

  if (options.keyFigures ?? true) {
    const figures = keyFigures(brief.sections)
    if (figures.length > 0) escaped(...keyFiguresTable(figures, brief.sections, noteOf, locale))
  }

  if (sources.length > 0) {
    escaped(`## ${label(locale, 'brief.md.sources')}`)
    escaped(
      sources
        .map((entry, index) => `${index + 1}. ${escapeMarkdownInline(`${formatSource(entry, locale)} ${formatSourceNotes(entry.notes, locale)}`)}`)
        .join('\n'),
    )
  }

  notes.forEach((citation, index) => escaped(`[^${index + 1}]: ${escapeMarkdownInline(formatCitation(citation, locale))}`))

  if (markingMd !== null) blocks.push({ source: 'escaped', markdown: markingMd, role: 'marking' })
  return blocks
}

export function renderBriefMarkdown(brief: Brief, options: MarkdownOptions): string {
  const orphans = options.orphanedAnnotationIds ?? new Set<string>()
  const items = brief.sections.flatMap((section) => section.items)
  const frontMatter = briefFrontMatter(brief, {
    locale: options.locale,
    generatedAt: options.generatedAt,
    passages: items.length,
    orphaned: items.filter((item) => orphans.has(item.annotationId)).length,
  })
  return `${[frontMatter, ...briefBlocks(brief, options).map((block) => block.markdown)].join('\n\n')}\n`
}
