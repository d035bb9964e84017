import { resolve } from 'node:path'
import * as v from 'valibot'
import { BriefExportFormatSchema } from '../../../common/brief/brief-input'
import { chromiumPath, chromiumPdfPort } from '../../briefs/chromium-pdf'
import { checkOutFolder } from '../checked-paths'
import { printJson, UsageError, type CommandSpec } from '../context'

/** `export BRIEF_ID --format md|pdf|html --out FILE [--force]`: a brief to a file. */
export const exportCommand: CommandSpec = {
  name: 'export',
  positionals: ['BRIEF_ID'],
  options: { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  help: 'cli.help.export',
  access: 'read',
  async run({ io, json, t, service, values, positionals }) {
    const format = v.safeParse(BriefExportFormatSchema, values['format'])
    if (!format.success) throw new UsageError(t('cli.export.error.format', { format: String(values['format'] ?? '') }))
    if (typeof values['out'] !== 'string' || values['out'] === '') throw new UsageError(t('cli.error.missingOption', { command: 'export', option: '--out FILE' }))
    const out = resolve(values['out'])
    await checkOutFolder(out)
    // The CLI prints PDFs with a local Chromium: CHROMIUM_PATH from its own environment, else Debian's.
    await service.usePdfPort(chromiumPdfPort(chromiumPath(io.env), { spare: false }))
    const { bytes } = await service.exportBriefTo(positionals[0] ?? '', format.output, out, values['force'] === true)
    if (json) return printJson(io, { path: out, format: format.output, bytes })
    io.stdout(`${t('cli.export.done', { file: out })}\n`)
  },
}
