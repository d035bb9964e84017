import { bodyText } from '../../../common/model/article'
import { annotationLines, annotationView, type AnnotationView } from '../annotation-view'
import { printJson, type CommandSpec } from '../context'

export const annotationsCommand: CommandSpec = {
  name: 'annotations',
  positionals: [],
  optionalPositionals: ['ID'],
  help: 'cli.help.annotations',
  access: 'read',
  async run({ io, json, t, service, positionals }) {
    const only = positionals[0]
    const articles = only === undefined ? await service.listArticles() : [await service.getArticle({ id: only })]
    const tags = await service.listTags()
    const views: AnnotationView[] = []
    const lines: string[] = []
    for (const summary of articles) {
      const annotations = await service.getAnnotations({ articleId: summary.id })
      if (annotations.length === 0) continue
      const text = bodyText((await service.getArticle({ id: summary.id })).blocks)
      const own = annotations.map((annotation) => annotationView(annotation, text, tags))
      views.push(...own)
      lines.push(`${summary.id}  ${summary.title}`, ...own.flatMap((view) => annotationLines(view, t)), '')
    }
    if (json) return printJson(io, views)
    if (views.length === 0) return io.stdout(`${t('cli.annotations.empty')}\n`)
    io.stdout(`${[...lines, t('cli.annotations.count', { count: views.length })].join('\n')}\n`)
  },
}
