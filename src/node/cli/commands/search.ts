import { UsageError, printJson, type CommandSpec } from '../context'

const DEFAULT_LIMIT = 20

/** `search QUERY [--limit N] [--json]`: articles best first, each hit with its field, snippet and offsets. */
export const searchCommand: CommandSpec = {
  name: 'search',
  positionals: ['QUERY'],
  options: { limit: { type: 'string' } },
  help: 'cli.help.search',
  access: 'read',
  async run({ io, json, t, service, positionals, values }) {
    const limitText = values['limit']
    const limit = typeof limitText === 'string' ? Number(limitText) : DEFAULT_LIMIT
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(t('cli.error.badNumber', { option: '--limit', value: String(limitText) }))
    const outcome = await service.searchAll(positionals[0] ?? '', limit)
    if (json) {
      return printJson(io, {
        query: outcome.query,
        mode: outcome.mode,
        total: outcome.total,
        results: outcome.results.map((result) => ({
          articleId: result.articleId,
          title: result.title,
          score: result.score,
          scattered: result.scattered,
          hits: result.hits.map((hit) => ({ field: hit.field, annotationId: hit.annotationId, snippet: hit.snippet, marks: hit.marks, snippetMarks: hit.snippetMarks })),
        })),
      })
    }
    if (outcome.total === 0) return io.stdout(`${t('cli.search.none')}\n`)
    if (outcome.mode === 'any') io.stdout(`${t('cli.search.partial')}\n\n`)
    for (const result of outcome.results) {
      // The app's "words apart" mark: the words are all in the article, but not side by side.
      const apart = result.scattered ? `  (${t('search.scattered')})` : ''
      io.stdout(`${result.articleId}  ${(result.published ?? '').padEnd(10)}  ${result.title}${apart}\n`)
      for (const hit of result.hits) {
        const text = markSnippet(hit.snippet, hit.snippetMarks)
        io.stdout(`    ${t(`search.field.${hit.field}`)}: ${hit.truncatedStart ? '…' : ''}${text.replace(/\s+/gu, ' ')}${hit.truncatedEnd ? '…' : ''}\n`)
      }
    }
    io.stdout(`\n${t('cli.search.count', { count: outcome.total })}\n`)
  },
}

/** Hits in [brackets]: readable in a terminal and in a log, unlike colour codes. */
function markSnippet(snippet: string, marks: readonly { start: number; end: number }[]): string {
  let out = ''
  let at = 0
  for (const mark of marks) {
    out += `${snippet.slice(at, mark.start)}[${snippet.slice(mark.start, mark.end)}]`
    at = mark.end
  }
  return out + snippet.slice(at)
}
