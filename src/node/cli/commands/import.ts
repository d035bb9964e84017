import type { ImportJobStatus } from '../../../common/import/import-report'
import { translate } from '../../../common/i18n/translate'
import { printJson, type CommandSpec } from '../context'

/**
 * `import FILE|FOLDER... [--json]`: one line per file on stderr as the batch goes (added,
 * duplicate of which article, or failed and why), the summary on stdout (or the whole report as
 * JSON). Each file succeeds or fails on its own; the exit status is 1 when any file failed.
 */
export const importCommand: CommandSpec = {
  name: 'import',
  positionals: ['FILE|FOLDER'],
  variadic: true,
  help: 'cli.help.import',
  access: 'write',
  async run({ io, json, t, locale, service, positionals }) {
    let reported = { added: 0, duplicates: 0, failed: 0 }
    const onProgress = (status: ImportJobStatus) => {
      const { added, duplicates, failed } = status.report
      for (const item of added.slice(reported.added)) io.stderr(`${t('cli.import.added', { file: item.file ?? '-', id: item.id, title: item.title })}\n`)
      for (const item of duplicates.slice(reported.duplicates)) {
        io.stderr(`${t('cli.import.duplicate', { file: item.file ?? '-', id: item.existingId, title: item.existingTitle })}\n`)
      }
      for (const item of failed.slice(reported.failed)) io.stderr(`${t('cli.import.failed', { message: translate(locale, `error.${item.error.code}`, item.error.params) })}\n`)
      reported = { added: added.length, duplicates: duplicates.length, failed: failed.length }
    }
    const status = await service.importPaths(positionals, onProgress)
    // Articles are saved in groups: the last group is announced by the final status, not by progress.
    onProgress(status)
    const { report } = status
    if (json) printJson(io, report)
    else io.stdout(`${t('cli.import.summary', { added: report.added.length, duplicates: report.duplicates.length, failed: report.failed.length })}\n`)
    return report.failed.length > 0 ? 1 : 0
  },
}
