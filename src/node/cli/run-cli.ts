import { parseArgs } from 'node:util'
import { AppError } from '../../common/errors'
import { localeFromTag, translate, type Locale } from '../../common/i18n/translate'
import { defaultLibraryDir, resolveLibraryDir } from '../paths'
import { BriefingService } from '../service'
import { listCommand } from './commands/list'
import { showCommand } from './commands/show'
import { UsageError, type CliIo, type CommandSpec } from './context'

const commands: readonly CommandSpec[] = [listCommand, showCommand]

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
 * the reason.
 */
export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const locale = cliLocale(io.env)
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params)
  try {
    const { values, positionals } = parseCommandLine(argv, t)
    const [name, ...args] = positionals
    if (values.help === true || name === 'help') {
      io.stdout(`${t('cli.usage', { defaultDir: defaultLibraryDir(io.env) })}\n`)
      return 0
    }
    if (name === undefined) throw new UsageError(t('cli.error.missingCommand'))
    const command = commands.find((candidate) => candidate.name === name)
    if (command === undefined) throw new UsageError(t('cli.error.unknownCommand', { command: name }))
    checkPositionals(command, args, t)
    const libraryDir = resolveLibraryDir(values['data-dir'], io.env)
    await command.run({
      positionals: args,
      values,
      json: values.json === true,
      io,
      t,
      locale,
      openService: () =>
        BriefingService.open({
          libraryDir,
          samplesDir: options.samplesDir,
          shell: 'browser',
          version: options.version,
          systemLocale: locale,
        }),
    })
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`briefing-desk: ${error.message}\n`)
      return 2
    }
    if (error instanceof AppError) {
      io.stderr(`briefing-desk: ${translate(locale, `error.${error.code}`, error.params)}\n`)
      return 1
    }
    io.stderr(`briefing-desk: ${translate(locale, 'error.internal', { reason: error instanceof Error ? error.message : String(error) })}\n`)
    return 1
  }
}

function parseCommandLine(argv: readonly string[], t: (key: 'cli.error.badFlag', params: { reason: string }) => string) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    // parseArgs names the offending flag in its first sentence ("Unknown option '--x'."); the
    // rest is advice about positionals that only confuses here.
    const message = error instanceof Error ? error.message : String(error)
    throw new UsageError(t('cli.error.badFlag', { reason: message.split(/(?<=\.) /)[0] ?? message }))
  }
}

function checkPositionals(
  command: CommandSpec,
  args: readonly string[],
  t: (key: 'cli.error.missingArgument' | 'cli.error.extraArgument', params: Record<string, string>) => string,
): void {
  const missing = command.positionals[args.length]
  if (missing !== undefined) throw new UsageError(t('cli.error.missingArgument', { command: command.name, argument: missing }))
  const extra = args[command.positionals.length]
  if (extra !== undefined) throw new UsageError(t('cli.error.extraArgument', { command: command.name, argument: extra }))
}
