import { cliInProcess, type CliOutcome } from '../cli-runner'

export type Outcome = CliOutcome

/** One CLI invocation, in this process, on the library in `dir` (created with the samples). */
export function cli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return cliInProcess(['--data-dir', dir, ...args], { BRIEFING_LOCK_WAIT_MS: '0', ...env })
}
