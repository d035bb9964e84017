import { resolve } from 'node:path'
import { printJson, type CommandSpec } from '../context'

export const importAnnotationsCommand: CommandSpec = {
  name: 'import-annotations',
  positionals: ['FILE'],
  help: 'cli.help.importAnnotations',
  access: 'write',
  async run({ io, json, t, service, positionals }) {
    const file = resolve(positionals[0] ?? '')
    const counts = await service.importAnnotationsFrom(file)
    if (json) return printJson(io, { path: file, ...counts })
    io.stdout(`${t('cli.importAnnotations.done', { file, ...counts })}\n`)
  },
}
