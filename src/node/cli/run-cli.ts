import { parseArgs } from 'node:util'
import { AppError } from '../../common/errors'
import { localeFromTag, translate, type Locale } from '../../common/i18n/translate'
import { describeRecovery } from '../../common/recovery-messages'
import { defaultLibraryDir, resolveLibraryDir } from '../paths'
import { BriefingService } from '../service'
import type { OpenProgress } from '../store/index-migration'
import { backupCommand } from './commands/backup'
import { importCommand } from './commands/import'
import { briefCommand } from './commands/brief'
import { exportCommand } from './commands/export'
import { listCommand } from './commands/list'
import { restoreCommand } from './commands/restore'
import { samplesCommand } from './commands/samples'
import { showCommand } from './commands/show'
import { annotateCommand } from './commands/annotate'
import { annotationsCommand } from './commands/annotations'
import { editCommand } from './commands/edit'
import { exportAnnotationsCommand } from './commands/export-annotations'
import { importAnnotationsCommand } from './commands/import-annotations'
import { searchCommand } from './commands/search'
import { tagCommand } from './commands/tag'
import { tagsCommand } from './commands/tags'
import { teamCommand } from './commands/team'
import { peopleCommand } from './commands/people'
import { timelineCommand } from './commands/timeline'
import { checkDataDir } from './checked-paths'
import { UsageError, type CliIo, type CommandSpec, type OptionsConfig, type OptionValues, type Translate } from './context'

/** Every command, in the order `help` lists them. Each feature adds its own in its section. */
const commands: readonly CommandSpec[] = [
  listCommand,
  showCommand,
  // ── import (issue 4) ──
  importCommand,

  // ── reader and annotations (issue 5) ──
  editCommand,
  annotateCommand,
  annotationsCommand,
  exportAnnotationsCommand,
  importAnnotationsCommand,

  // ── themes and search (issue 6) ──
  searchCommand,
  tagsCommand,
  tagCommand,

  // ── briefs (issue 7) ──
  briefCommand,
  exportCommand,

  // ── dossier in the library (issue 17) ──
  peopleCommand,
  timelineCommand,

  samplesCommand,
  backupCommand,
  restoreCommand,

  // ── team library (issue 16) ──
  teamCommand,
]

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig

export interface CliOptions {
  readonly samplesDir: string
  readonly version: string
}

/** The CLI's locale: BRIEFING_LANG, then the usual POSIX variables. */
export function cliLocale(env: NodeJS.ProcessEnv): Locale {
  return localeFromTag(env['BRIEFING_LANG'] || env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'])
}

/**
 * Runs one CLI invocation and returns its exit status: 0 success, 1 the command failed,
 * 2 the command line was malformed. Failures print one line to stderr naming the input and
 * the reason; repairs the library needed are printed to stderr as warnings.
 */
export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const locale = cliLocale(io.env)
  const t: Translate = (key, params) => translate(locale, key, params)
  let service: BriefingService | null = null
  try {
    const name = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true }).positionals[0]
    const command = commands.find((candidate) => candidate.name === name)
    const { values, positionals } = parseCommandLine(argv, command?.options ?? {}, t)
    if (values['help'] === true || name === 'help') {
      io.stdout(`${t('cli.usage', { defaultDir: defaultLibraryDir(io.env), commands: commands.map((spec) => t(spec.help)).join('\n') })}\n`)
      return 0
    }
    if (name === undefined) throw new UsageError(t('cli.error.missingCommand'))
    if (command === undefined) throw new UsageError(t('cli.error.unknownCommand', { command: name }))
    const args = positionals.slice(1)
    checkPositionals(command, args, t)
    const dataDir = values['data-dir']
    const libraryDir = resolveLibraryDir(typeof dataDir === 'string' ? dataDir : undefined, io.env)
    await checkDataDir(libraryDir)
    service = await BriefingService.open({
      libraryDir,
      samplesDir: options.samplesDir,
      // A library the CLI creates gets the starter themes but no articles (`samples add` adds them).
      addSamples: false,
      shell: 'browser',
      version: options.version,
      systemLocale: locale,
      mode: typeof command.access === 'function' ? command.access(args) : command.access,
      purpose: `briefing-desk ${command.name}`,
      // One query per run: a thread for the index would cost more than it saves.
      searchWorker: 'in-process',
      // A writing command waits a little for another CLI process; the app keeps the lock while open.
      lockWaitMs: Number(io.env['BRIEFING_LOCK_WAIT_MS'] ?? 10_000),
      onProgress: migrationLines(io, t),
    })
    const status = await command.run({ service, positionals: args, values, json: values['json'] === true, io, t, locale })
    await reportRecovery(service, io, t, locale)
    return typeof status === 'number' ? status : 0
  } catch (error) {
    if (service !== null) await reportRecovery(service, io, t, locale)
    io.stderr(`briefing-desk: ${messageOf(error, locale)}\n`)
    return error instanceof UsageError ? 2 : 1
  } finally {
    await service?.close()
  }
}

function messageOf(error: unknown, locale: Locale): string {
  if (error instanceof UsageError) return error.message
  if (error instanceof AppError) return translate(locale, `error.${error.code}`, error.params)
  return translate(locale, 'error.internal', { reason: error instanceof Error ? error.message : String(error) })
}

async function reportRecovery(service: BriefingService, io: CliIo, t: Translate, locale: Locale): Promise<void> {
  const { recovery, readOnlyBecause } = await service.libraryStatus()
  if (readOnlyBecause !== undefined) io.stderr(`briefing-desk: ${t('cli.warning')}: ${translate(locale, `error.${readOnlyBecause.code}`, readOnlyBecause.params)}\n`)
  const titles = new Map((await service.listArticles()).map((article) => [article.id, article.title]))
  for (const event of recovery) io.stderr(`briefing-desk: ${t('cli.warning')}: ${describeRecovery(event, locale, (id) => titles.get(id) ?? null)}\n`)
}

function parseCommandLine(argv: readonly string[], commandOptions: OptionsConfig, t: Translate): { values: OptionValues; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { ...GLOBAL_OPTIONS, ...commandOptions } })
  } catch (error) {
    throw new UsageError(commandLineProblem(error, t))
  }
}

/**
 * parseArgs's own messages are English ("Unknown option '--x'.", "Option '--out <value>' argument
 * missing"): its error code says which problem it is and the message names the flag, so the user
 * reads the catalogue's sentence for that problem with the flag in it.
 */
function commandLineProblem(error: unknown, t: Translate): string {
  const message = error instanceof Error ? error.message : String(error)
  const option = /'(-{1,2}[^'\s]+)/u.exec(message)?.[1] ?? ''
  switch ((error as { code?: unknown }).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t('cli.error.unknownOption', { option })
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument') ? t('cli.error.optionTakesNoValue', { option }) : t('cli.error.optionNeedsValue', { option })
    default:
      // Anything else parseArgs may add: its first sentence names the flag; the rest is advice
      // about positionals that only confuses here.
      return t('cli.error.badFlag', { reason: message.split(/(?<=\.) /)[0] ?? message })
  }
}

function checkPositionals(command: CommandSpec, args: readonly string[], t: Translate): void {
  const missing = command.positionals[args.length]
  if (missing !== undefined) throw new UsageError(t('cli.error.missingArgument', { command: command.name, argument: missing }))
  const extra = command.variadic === true ? undefined : args[command.positionals.length + (command.optionalPositionals?.length ?? 0)]
  if (extra !== undefined) throw new UsageError(t('cli.error.extraArgument', { command: command.name, argument: extra }))
}

/**
 * The index's migration, when the open runs one (store/index-migration.ts), on stderr: a line at
 * the start, at each quarter and at the end, or why it could not run.
 */
function migrationLines(io: CliIo, t: Translate): (progress: OpenProgress) => void {
  let shown = -1
  return (progress) => {
    if (progress.step === 'migrated') io.stderr(`briefing-desk: ${t('cli.migrated')}\n`)
    else if (progress.step === 'migration-failed') io.stderr(`briefing-desk: ${t('cli.warning')}: ${t('cli.migrationFailed', { reason: progress.reason })}\n`)
    else {
      const quarter = Math.floor(progress.fraction * 4)
      if (quarter <= shown) return
      shown = quarter
      io.stderr(`briefing-desk: ${t('cli.migrating', { percent: quarter * 25 })}\n`)
    }
  }
}
