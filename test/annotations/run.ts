import { cliInProcess, type CliOutcome } from '../cli-runner'
import { tempDir } from '../helpers'

export type Outcome = CliOutcome

/** One CLI invocation, in this process, on the library in `dir`. */
export function cli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return cliInProcess(['--data-dir', dir, ...args], { BRIEFING_LOCK_WAIT_MS: '0', ...env })
}

/** A new library with the sample articles, added as a user adds them (`samples add`). */
export async function sampleLibrary(): Promise<string> {
  const dir = await tempDir()
  const added = await cli(dir, ['samples', 'add'])
  if (added.code !== 0) throw new Error(`samples add failed: ${added.stderr}`)
  return dir
}
