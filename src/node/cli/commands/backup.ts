import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import { checkOutFolder } from '../checked-paths'
import { printJson, UsageError, type CommandSpec } from '../context'

export const backupCommand: CommandSpec = {
  name: 'backup',
  positionals: [],
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  help: 'cli.help.backup',
  access: 'write',
  async run({ io, json, t, service, values }) {
    if (typeof values['out'] !== 'string' || values['out'] === '') throw new UsageError(t('cli.error.missingOption', { command: 'backup', option: '--out FILE' }))
    const out = resolve(values['out'])
    await checkOutFolder(out)
    if (values['force'] !== true && (await exists(out))) throw new UsageError(t('cli.error.fileExists', { file: out }))
    const { files, bytes } = await service.backupTo(out)
    if (json) return printJson(io, { path: out, files, bytes })
    io.stdout(`${t('cli.backup.done', { file: out, files, size: formatSize(bytes) })}\n`)
  },
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
