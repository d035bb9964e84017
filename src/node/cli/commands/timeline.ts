import { parsePeriodDate } from '../../../common/dossier/period'
import type { PartialDate } from '../../../common/model/article'
import { UsageError, printJson, type CommandSpec, type Translate } from '../context'
import { resolveTag } from './resolve-tag'

/** The most entries one run prints: every entry of any real library. */
const ALL = 100_000

function dateOption(value: unknown, option: string, t: Translate): PartialDate | undefined {
  if (typeof value !== 'string') return undefined
  const date = parsePeriodDate(value)
  if (date === null) throw new UsageError(t('cli.error.badDate', { option, value }))
  return date
}

/**
 * `timeline [--theme T] [--from DATE] [--to DATE] [--json]`: the dated events, oldest first
 * (unresolved last), each with its date in ISO form and its precision, its text, article and
 * paragraph. A malformed date is a malformed command line (exit 2); an unknown theme fails (exit 1).
 */
export const timelineCommand: CommandSpec = {
  name: 'timeline',
  positionals: [],
  options: { theme: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  help: 'cli.help.timeline',
  access: 'read',
  async run({ io, json, t, service, values }) {
    const from = dateOption(values['from'], '--from', t)
    const to = dateOption(values['to'], '--to', t)
    const theme = values['theme']
    const tagId = typeof theme === 'string' ? resolveTag(await service.listTags(), theme).id : undefined
    const { entries } = await service.dossierTimeline({ tagId, from, to, limit: ALL })
    if (json) {
      return printJson(
        io,
        entries.map((entry) => ({
          from: entry.from,
          to: entry.to,
          precision: entry.precision,
          future: entry.future,
          resolution: entry.resolution,
          date: entry.dateText,
          text: entry.text,
          reports: entry.reports.map((report) => ({ articleId: report.articleId, title: report.title, paragraph: report.block, start: report.start, end: report.end, text: report.text })),
        })),
      )
    }
    if (entries.length === 0) return io.stdout(`${t('cli.timeline.none')}\n`)
    for (const entry of entries) {
      const date = entry.from === null ? t('cli.timeline.unresolved') : entry.from === entry.to ? entry.from : `${entry.from}/${entry.to}`
      const places = entry.reports.map((report) => `${report.articleId} ¶${report.block}`).join(', ')
      io.stdout(`${date.padEnd(21)}  “${entry.dateText}”  ${entry.text}  [${places}]\n`)
    }
  },
}
