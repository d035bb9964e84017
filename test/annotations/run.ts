import { runCli } from '../../src/node/cli/run-cli'
import { SAMPLES_DIR } from '../helpers'

export interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** One CLI invocation, in this process, on the library in `dir` (created with the samples). */
export async function cli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(
    ['--data-dir', dir, ...args],
    { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env: { LANG: 'C', BRIEFING_LOCK_WAIT_MS: '0', ...env } },
    { samplesDir: SAMPLES_DIR, version: '9.9.9' },
  )
  return { code, stdout, stderr }
}
