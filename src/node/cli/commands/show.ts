import { listCleaningSteps } from '../../../common/agency/cleaning-steps'
import { printJson, type CommandSpec } from '../context'

export const showCommand: CommandSpec = {
  name: 'show',
  positionals: ['ID'],
  help: 'cli.help.show',
  access: 'read',
  async run({ io, json, t, service, positionals }) {
    const article = await service.getArticle({ id: positionals[0] ?? '' })
    // Captions and removed text are fields of the record; the cleaning steps list them in reading order.
    if (json) return printJson(io, { ...article, cleaningSteps: listCleaningSteps(article) })
    const lines = [
      article.title,
      '',
      `${t('cli.show.id')}: ${article.id}`,
      `${t('cli.show.source')}: ${article.source ?? '-'}`,
      `${t('cli.show.published')}: ${article.published ?? '-'}`,
      `${t('cli.show.language')}: ${t(`language.${article.language}`)}`,
      '',
    ]
    article.blocks.forEach((block, index) => {
      for (const caption of article.captions) if (caption.afterBlock === index - 1) lines.push(`  [${caption.text}]`, '')
      lines.push(block.text, '')
    })
    io.stdout(`${lines.join('\n')}`)
  },
}
