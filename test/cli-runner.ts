import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { runCli } from '../src/node/cli/run-cli'
import { ROOT, SAMPLES_DIR } from './helpers'

/** What one CLI invocation printed, and its exit status. */
export interface CliOutcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const run = promisify(execFile)

/** Runs the real CLI in its own process, as a user would (no language or library from the caller's environment). */
export async function cliProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/node/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, LANG: 'C', BRIEFING_LANG: '', BRIEFING_DATA_DIR: '', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** Runs the CLI in this process, as main.ts does, with its output captured. */
export async function cliInProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  let stdout = ''
  let stderr = ''
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), env: { LANG: 'C', ...env } }
  const code = await runCli(args, io, { samplesDir: SAMPLES_DIR, version: '9.9.9' })
  return { code, stdout, stderr }
}
