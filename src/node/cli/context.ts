import type { Locale, MessageParams, PluralKey } from '../../common/i18n/translate'
import type { MessageKey } from '../../common/i18n/en'
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

export interface CommandContext {
  readonly positionals: readonly string[]
  readonly values: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>
  readonly json: boolean
  readonly io: CliIo
  readonly t: (key: MessageKey | PluralKey, params?: MessageParams) => string
  readonly locale: Locale
  readonly openService: () => Promise<BriefingService>
}

export interface CommandSpec {
  readonly name: string
  /** Names of the positional arguments, for error messages; all are required. */
  readonly positionals: readonly string[]
  readonly run: (context: CommandContext) => Promise<void>
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}
