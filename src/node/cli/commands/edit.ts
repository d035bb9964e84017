import { resolve } from 'node:path'
import { bodyText } from '../../../common/model/article'
import { annotationView } from '../annotation-view'
import { checkedInput } from '../checked-input'
import { printJson, UsageError, type CommandSpec } from '../context'
import { readTextFile } from '../read-text-file'

export const editCommand: CommandSpec = {
  name: 'edit',
  positionals: ['ID'],
  options: { 'text-file': { type: 'string' } },
  help: 'cli.help.edit',
  access: 'write',
  async run({ io, json, t, service, positionals, values }) {
    const file = values['text-file']
    if (typeof file !== 'string' || file === '') throw new UsageError(t('cli.error.missingOption', { command: 'edit', option: '--text-file F' }))
    const text = await readTextFile(resolve(file))
    const before = await service.getArticle({ id: positionals[0] ?? '' })
    const result = await service.editArticleText(checkedInput('editArticleText', { id: before.id, text }))
    const { article, annotations, moved, orphaned } = result
    if (json) {
      const tags = await service.listTags()
      const views = annotations.map((annotation) => annotationView(annotation, bodyText(article.blocks), tags))
      return printJson(io, { id: article.id, revision: article.revision, changed: article.revision !== before.revision, moved, orphaned, annotations: views })
    }
    if (article.revision === before.revision) return io.stdout(`${t('cli.edit.unchanged', { id: article.id })}\n`)
    io.stdout(`${t('cli.edit.done', { id: article.id, revision: article.revision, moved, orphaned, total: annotations.length })}\n`)
  },
}
