import { briefLanguage } from '../../../common/brief/brief-language'
import { formatBriefDate } from '../../../common/brief/brief-dates'
import { formatEventDate } from '../../../common/brief/dossier-dates'
import { personAffiliation } from '../../../common/brief/render-dossier'
import { passageText } from '../../../common/brief/passage-text'
import { renderBriefMarkdown } from '../../../common/brief/render-markdown'
import { isLocale } from '../../../common/i18n/translate'
import { AppError } from '../../../common/errors'
import { printJson, UsageError, type CommandContext, type CommandSpec } from '../context'

/** `brief create|list|show|refresh`: the briefs of the library. */
export const briefCommand: CommandSpec = {
  name: 'brief',
  positionals: ['create|list|show|refresh'],
  optionalPositionals: ['ID'],
  options: { title: { type: 'string' }, template: { type: 'string' }, tag: { type: 'string', multiple: true }, lang: { type: 'string' } },
  help: 'cli.help.brief',
  // Only create writes: list, show and refresh work while the app holds the library.
  access: ([action]) => (action === 'create' ? 'write' : 'read'),
  async run(context) {
    const [action, id] = context.positionals
    if (action === 'create') return create(context, id)
    if (action === 'list') return list(context, id)
    if (action === 'show') return show(context, id)
    if (action === 'refresh') return refresh(context, id)
    throw new UsageError(context.t('cli.brief.error.action', { action: action ?? '' }))
  },
}

async function create({ io, json, t, service, values }: CommandContext, extra: string | undefined): Promise<void> {
  if (extra !== undefined) throw new UsageError(t('cli.error.extraArgument', { command: 'brief create', argument: extra }))
  const title = values['title']
  if (typeof title !== 'string' || title.trim() === '') throw new UsageError(t('cli.error.missingOption', { command: 'brief create', option: '--title T' }))
  const tagNames = Array.isArray(values['tag']) ? values['tag'].filter((value): value is string => typeof value === 'string') : []
  const tags = await service.listTags()
  const tagIds = tagNames.map((name) => {
    const wanted = name.trim().toLocaleLowerCase('vi')
    const tag = tags.find((candidate) => candidate.id === name || [candidate.name, ...candidate.aliases.map((alias) => alias.text)].some((text) => text.toLocaleLowerCase('vi') === wanted))
    if (tag === undefined) throw new AppError('brief.tagNotFound', { tag: name })
    return tag.id
  })
  const lang = values['lang']
  if (lang !== undefined && !isLocale(lang)) throw new UsageError(t('cli.brief.error.lang', { lang: String(lang) }))
  const template = typeof values['template'] === 'string' ? values['template'] : undefined
  const brief = await service.createBrief({
    title,
    ...(template === undefined ? {} : { templateId: template }),
    ...(tagIds.length > 0 ? { tagIds } : {}),
    ...(lang === undefined ? {} : { lang }),
  })
  if (json) return printJson(io, brief)
  const passages = brief.sections.reduce((count, section) => count + section.items.length, 0)
  io.stdout(`${t('cli.brief.created', { id: brief.id, title: brief.title, sections: brief.sections.length, passages })}\n`)
}

async function list({ io, json, t, service }: CommandContext, extra: string | undefined): Promise<void> {
  if (extra !== undefined) throw new UsageError(t('cli.error.extraArgument', { command: 'brief list', argument: extra }))
  const briefs = await service.listBriefs()
  if (json) return printJson(io, briefs)
  for (const brief of briefs) {
    io.stdout(`${brief.id}  ${brief.updatedAt.slice(0, 10)}  ${String(brief.passages).padStart(3)}  ${brief.title}${brief.marking ? `  [${brief.marking}]` : ''}\n`)
  }
  io.stdout(`${t('cli.brief.count', { count: briefs.length })}\n`)
}

async function show({ io, json, t, service, locale }: CommandContext, id: string | undefined): Promise<void> {
  if (id === undefined) throw new UsageError(t('cli.error.missingArgument', { command: 'brief show', argument: 'ID' }))
  const view = await service.getBrief({ id })
  if (json) return printJson(io, view)
  // The brief in its own language, as its exports are, whatever the command line's.
  const languages = new Map((await service.listArticles()).map((article) => [article.id, article.language]))
  const briefLocale = briefLanguage(view.brief, (articleId) => languages.get(articleId), locale)
  io.stdout(renderBriefMarkdown(view.brief, { locale: briefLocale, generatedAt: new Date().toISOString(), orphanedAnnotationIds: new Set(view.orphanedAnnotationIds) }))
}

function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}

/** `brief refresh ID`: what the library gained since the brief's last export that matches its themes (reads only). */
async function refresh({ io, json, t, service, locale }: CommandContext, id: string | undefined): Promise<void> {
  if (id === undefined) throw new UsageError(t('cli.error.missingArgument', { command: 'brief refresh', argument: 'ID' }))
  const { brief } = await service.getBrief({ id })
  const found = await service.refreshBrief({ id })
  if (json) return printJson(io, found)
  io.stdout(`${found.since === null ? t('cli.brief.refresh.neverExported', { title: brief.title }) : t('cli.brief.refresh.sinceExport', { title: brief.title, date: formatBriefDate(found.since.slice(0, 10), locale) })}\n`)
  const lines: string[] = []
  const line = (label: Parameters<typeof t>[0], text: string) => lines.push(`  ${t(label)}: ${oneLine(text)}`)
  for (const article of found.articles) line('cli.brief.refresh.article', `“${article.title}”${article.source === null ? '' : `, ${article.source}`}${article.published === null ? '' : `, ${formatBriefDate(article.published, locale)}`}`)
  for (const { passage } of found.passages) line('cli.brief.refresh.passage', `${passageText(passage)} (“${passage.citation.articleTitle}”, ¶${passage.citation.paragraph})`)
  for (const person of found.people) line('cli.brief.refresh.person', [person.name, person.role ?? '', personAffiliation(person)].filter((part) => part !== '').join(', '))
  for (const event of found.events) line('cli.brief.refresh.event', `${formatEventDate(event, locale)}: ${event.text}`)
  for (const figure of found.figures) line('cli.brief.refresh.figure', `${figure.text} = ${figure.value}`)
  io.stdout(lines.length === 0 ? `${t('cli.brief.refresh.none')}\n` : `${lines.join('\n')}\n`)
}
