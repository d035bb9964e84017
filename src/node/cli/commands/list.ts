import { printJson, type CommandSpec } from '../context'

export const listCommand: CommandSpec = {
  name: 'list',
  positionals: [],
  help: 'cli.help.list',
  access: 'read',
  async run({ io, json, t, service }) {
    const articles = await service.listArticles()
    if (json) return printJson(io, articles)
    if (articles.length === 0) return io.stdout(`${t('cli.list.empty')}\n`)
    for (const article of articles) {
      const date = (article.published ?? '').padEnd(10)
      io.stdout(`${article.id}  ${date}  ${article.language}  ${article.title}\n`)
    }
    io.stdout(`\n${t('cli.list.count', { count: articles.length })}\n`)
  },
}
