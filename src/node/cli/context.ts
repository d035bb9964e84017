import type { ParseArgsConfig } from 'node:util'
import type { MessageKey } from '../../common/i18n/en'
import type { Locale, MessageParams, PluralKey } from '../../common/i18n/translate'
import type { BriefingService } from '../service'

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: NodeJS.ProcessEnv
}

/** Thrown for a malformed command line: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The flags a command accepts, in node:util parseArgs form. */
export type OptionsConfig = NonNullable<ParseArgsConfig['options']>

export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>

export type Translate = (key: MessageKey | PluralKey, params?: MessageParams) => string

export interface CommandContext {
  readonly service: BriefingService
  readonly positionals: readonly string[]
  readonly values: OptionValues
  readonly json: boolean
  readonly io: CliIo
  readonly t: Translate
  readonly locale: Locale
}

export type Access = 'read' | 'write'

export interface CommandSpec {
  readonly name: string
  /** Names of the positional arguments, for error messages; all are required. */
  readonly positionals: readonly string[]
  /** The last positional may be repeated (import FILE...). */
  readonly variadic?: boolean
  /** Names of positional arguments that may follow the required ones (e.g. `annotations [ID]`). */
  readonly optionalPositionals?: readonly string[]
  /** Flags of this command, besides the global --data-dir, --json and --help. */
  readonly options?: OptionsConfig
  /**
   * 'read' commands never lock the library, so they work while the app has it open. A command
   * whose subcommands differ (`brief list` reads, `brief create` writes) decides from its arguments.
   */
  readonly access: Access | ((positionals: readonly string[]) => Access)
  /** Its lines in `help` (a catalogue key: the usage line and a short description). */
  readonly help: MessageKey
  /** Resolves to an exit status when the command partly failed (import: some files failed). */
  readonly run: (context: CommandContext) => Promise<void | number>
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}
