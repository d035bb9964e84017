import { resolve } from 'node:path'
import { printJson, type CommandSpec } from '../context'

export const restoreCommand: CommandSpec = {
  name: 'restore',
  positionals: ['FILE'],
  help: 'cli.help.restore',
  access: 'write',
  async run({ io, json, t, service, positionals }) {
    const file = resolve(positionals[0] ?? '')
    const { files } = await service.restoreFrom(file)
    const info = await service.appInfo()
    if (json) return printJson(io, { path: file, files })
    io.stdout(`${t('cli.restore.done', { file, files, backups: resolve(info.libraryDir, 'backups') })}\n`)
  },
}
