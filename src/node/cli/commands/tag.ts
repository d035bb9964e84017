import { resolve } from 'node:path'
import * as v from 'valibot'
import { AnnotationIdSchema } from '../../../common/model/annotation'
import { findTagsByName } from '../../../common/themes/tag-names'
import { unknownAnnotationsError } from '../../../common/themes/tag-edits'
import { checkedInput } from '../checked-input'
import { printJson, UsageError, type CommandContext, type CommandSpec } from '../context'
import { resolveTag } from './resolve-tag'

const ACTIONS = ['rename', 'merge', 'delete', 'export', 'import', 'add', 'remove'] as const

/**
 * `tag rename OLD NEW`, `tag merge FROM INTO`, `tag delete NAME`, `tag export --out FILE`,
 * `tag import FILE`, `tag add|remove NAME --annotation ID...`. Names match a tag's name or alias,
 * without accents or case.
 */
export const tagCommand: CommandSpec = {
  name: 'tag',
  positionals: ['ACTION'],
  optionalPositionals: ['NAME', 'NAME'],
  options: { out: { type: 'string' }, annotation: { type: 'string', multiple: true } },
  help: 'cli.help.tag',
  access: 'write',
  async run(context) {
    const { positionals, t } = context
    const [action, first, second] = positionals
    const needs = (count: number) => {
      const given = positionals.length - 1
      if (given < count) throw new UsageError(t('cli.error.missingArgument', { command: `tag ${action}`, argument: 'NAME' }))
      if (given > count) throw new UsageError(t('cli.error.extraArgument', { command: `tag ${action}`, argument: positionals[count + 1]! }))
    }
    switch (action as (typeof ACTIONS)[number]) {
      case 'rename':
        needs(2)
        return rename(context, first!, second!)
      case 'merge':
        needs(2)
        return merge(context, first!, second!)
      case 'delete':
        needs(1)
        return remove(context, first!)
      case 'export':
        needs(0)
        return exportTags(context)
      case 'import':
        needs(1)
        return importTags(context, first!)
      case 'add':
      case 'remove':
        needs(1)
        return bulkTag(context, action === 'add' ? 'add' : 'remove', first!)
      default:
        throw new UsageError(t('cli.error.badAction', { command: 'tag', action: action ?? '', allowed: ACTIONS.join(', ') }))
    }
  },
}

async function rename({ service, io, json, t }: CommandContext, from: string, to: string): Promise<void> {
  const tag = resolveTag(await service.listTags(), from)
  const result = await service.updateTag({ id: tag.id, name: to })
  if (json) return printJson(io, { id: tag.id, from: tag.name, to: to.trim() })
  io.stdout(`${t('cli.tag.renamed', { from: tag.name, to: result.tags.find((candidate) => candidate.id === tag.id)?.name ?? to })}\n`)
}

async function merge({ service, io, json, t }: CommandContext, fromName: string, intoName: string): Promise<void> {
  const tags = await service.listTags()
  const from = resolveTag(tags, fromName)
  const into = resolveTag(tags, intoName)
  const result = await service.mergeTags({ fromId: from.id, intoId: into.id })
  if (json) return printJson(io, { from: from.id, into: into.id, annotationsChanged: result.annotationsChanged })
  io.stdout(`${t('cli.tag.merged', { from: from.name, into: into.name, count: result.annotationsChanged })}\n`)
}

async function remove({ service, io, json, t }: CommandContext, name: string): Promise<void> {
  const tag = resolveTag(await service.listTags(), name)
  const result = await service.deleteTag({ id: tag.id })
  if (json) return printJson(io, { deleted: tag.id, annotationsChanged: result.annotationsChanged })
  io.stdout(`${t('cli.tag.deleted', { name: tag.name, count: result.annotationsChanged })}\n`)
}

async function exportTags({ service, io, json, t, values }: CommandContext): Promise<void> {
  if (typeof values['out'] !== 'string' || values['out'] === '') throw new UsageError(t('cli.error.missingOption', { command: 'tag export', option: '--out FILE' }))
  const out = resolve(values['out'])
  const count = await service.exportTaxonomyTo(out)
  if (json) return printJson(io, { path: out, tags: count })
  io.stdout(`${t('cli.tag.exported', { file: out, count })}\n`)
}

async function importTags({ service, io, json, t }: CommandContext, file: string): Promise<void> {
  const path = resolve(file)
  const { added, updated } = await service.importTaxonomyFrom(path)
  if (json) return printJson(io, { path, added, updated })
  io.stdout(`${t('cli.tag.imported', { file: path, added, updated })}\n`)
}

/**
 * `tag add NAME --annotation ID...` puts a theme on several highlights at once (a name no theme
 * answers to becomes a new theme, as `annotate --tag` does); `tag remove NAME --annotation ID...`
 * takes it off. One change to the library; an unknown id fails the whole command.
 */
async function bulkTag({ service, io, json, t, values }: CommandContext, action: 'add' | 'remove', name: string): Promise<void> {
  const ids = [...new Set((values['annotation'] ?? []) as string[])]
  if (ids.length === 0) throw new UsageError(t('cli.error.missingOption', { command: `tag ${action}`, option: '--annotation ID' }))
  // A malformed id names no highlight: said the same way as an unknown one, not as a schema error.
  const malformed = ids.filter((id) => !v.is(AnnotationIdSchema, id))
  if (malformed.length > 0) throw unknownAnnotationsError(malformed)
  const tags = await service.listTags()
  // Ambiguous or (for remove) unknown names are errors; a new name is created only by add.
  const tag = action === 'remove' || findTagsByName(tags, name).length > 0 ? resolveTag(tags, name) : null
  const result = await service.tagAnnotations(
    checkedInput('tagAnnotations', {
      annotationIds: ids,
      ...(action === 'add' ? { addTags: [tag?.name ?? name] } : { removeTagIds: [tag!.id] }),
    }),
  )
  const tagName = result.tags.find((candidate) => candidate.id === result.tagId)?.name ?? name
  if (json) return printJson(io, { action, tagId: result.tagId, tag: tagName, annotations: ids.length, annotationsChanged: result.annotationsChanged, created: tag === null })
  io.stdout(`${t(action === 'add' ? 'cli.tag.added' : 'cli.tag.removed', { name: tagName, changed: result.annotationsChanged, count: ids.length })}\n`)
}
