import { findOccurrences } from '../../../common/anchoring'
import { AppError } from '../../../common/errors'
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../common/model/annotation'
import { bodyText } from '../../../common/model/article'
import { annotationView } from '../annotation-view'
import { checkedInput } from '../checked-input'
import { printJson, UsageError, type CommandSpec, type OptionValues, type Translate } from '../context'

export const annotateCommand: CommandSpec = {
  name: 'annotate',
  positionals: ['ID'],
  options: {
    quote: { type: 'string' },
    occurrence: { type: 'string' },
    color: { type: 'string' },
    tag: { type: 'string', multiple: true },
    note: { type: 'string' },
  },
  help: 'cli.help.annotate',
  access: 'write',
  async run({ io, json, t, service, positionals, values }) {
    const id = positionals[0] ?? ''
    const quote = values['quote']
    if (typeof quote !== 'string' || quote.trim() === '') throw new UsageError(t('cli.error.missingOption', { command: 'annotate', option: '--quote TEXT' }))
    const color = colorOption(values, t)
    const occurrence = occurrenceOption(values, t)

    const article = await service.getArticle({ id })
    const text = bodyText(article.blocks)
    // The quote as typed may be NFD or have other spacing than the text: findOccurrences folds both.
    const ranges = findOccurrences(text, quote)
    if (ranges.length === 0) throw new AppError('annotation.quoteNotFound', { quote, id })
    // Never guess between identical passages: a highlight on the wrong one is worse than none.
    if (occurrence === null && ranges.length > 1) throw new AppError('annotation.ambiguousQuote', { quote, id, count: ranges.length })
    const range = ranges[(occurrence ?? 1) - 1]
    if (range === undefined) throw new AppError('annotation.occurrenceOutOfRange', { quote, id, occurrence: occurrence ?? 1, count: ranges.length })

    const tags = (values['tag'] ?? []) as string[]
    const annotation = await service.createAnnotation(
      checkedInput('createAnnotation', {
        articleId: article.id,
        start: range.start,
        end: range.end,
        color,
        ...(typeof values['note'] === 'string' ? { note: values['note'] } : {}),
        ...(tags.length > 0 ? { tags } : {}),
      }),
    )
    if (json) return printJson(io, annotationView(annotation, text, await service.listTags()))
    io.stdout(`${t('cli.annotate.done', { quote: annotation.quote.exact, article: article.id, id: annotation.id })}\n`)
  },
}

function colorOption(values: OptionValues, t: Translate): HighlightColor {
  const color = values['color'] ?? 'yellow'
  const known = HIGHLIGHT_COLORS.find((candidate) => candidate === color)
  if (known === undefined) throw new UsageError(t('cli.error.badColor', { color: String(color), allowed: HIGHLIGHT_COLORS.join(', ') }))
  return known
}

function occurrenceOption(values: OptionValues, t: Translate): number | null {
  const raw = values['occurrence']
  if (raw === undefined) return null
  const text = String(raw)
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new UsageError(t('cli.error.badOccurrence', { value: text }))
  return Number(text)
}
