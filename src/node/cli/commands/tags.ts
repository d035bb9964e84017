import { tagDisplayName } from '../../../common/model/tag'
import { flattenTree } from '../../../common/themes/tag-tree'
import { printJson, type CommandSpec } from '../context'

/** `tags [--json]`: the theme tree with the number of highlights carrying each theme. */
export const tagsCommand: CommandSpec = {
  name: 'tags',
  positionals: [],
  help: 'cli.help.tags',
  access: 'read',
  async run({ io, json, t, service, locale }) {
    const { tags, counts } = await service.themeOverview()
    const rows = flattenTree(tags)
    if (json) return printJson(io, rows.map(({ tag, depth }) => ({ ...tag, depth, count: counts[tag.id] ?? 0 })))
    if (rows.length === 0) return io.stdout(`${t('cli.tags.empty')}\n`)
    for (const { tag, depth } of rows) {
      const shown = tagDisplayName(tag, locale)
      const other = shown === tag.name ? '' : ` (${tag.name})`
      io.stdout(`${'  '.repeat(depth)}${shown}${other}  ${counts[tag.id] ?? 0}\n`)
    }
  },
}
