import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import { checkOutFolder } from '../checked-paths'
import { printJson, UsageError, type CommandSpec } from '../context'

const FORMATS = ['w3c']

export const exportAnnotationsCommand: CommandSpec = {
  name: 'export-annotations',
  positionals: [],
  options: { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  help: 'cli.help.exportAnnotations',
  // Reads the library only (the file it writes is elsewhere), so it works while the app is open.
  access: 'read',
  async run({ io, json, t, service, values }) {
    const format = values['format']
    if (typeof format !== 'string' || format === '') throw new UsageError(t('cli.error.missingOption', { command: 'export-annotations', option: '--format w3c' }))
    if (!FORMATS.includes(format)) throw new UsageError(t('cli.error.badFormat', { command: 'export-annotations', format, allowed: FORMATS.join(', ') }))
    if (typeof values['out'] !== 'string' || values['out'] === '') throw new UsageError(t('cli.error.missingOption', { command: 'export-annotations', option: '--out FILE' }))
    const out = resolve(values['out'])
    await checkOutFolder(out)
    if (values['force'] !== true && (await exists(out))) throw new UsageError(t('cli.error.fileExists', { file: out }))
    const { count } = await service.exportAnnotationsTo(out)
    if (json) return printJson(io, { path: out, count })
    io.stdout(`${t('cli.exportAnnotations.done', { count, file: out })}\n`)
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
