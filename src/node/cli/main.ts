import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runCli } from './run-cli'

// The CLI runs from the source tree (npm run cli), so the repository root is three folders up.
const root = resolve(import.meta.dirname, '../../..')
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }

// A reader that stops early (`search … | head`) closes the pipe: the command still finishes its
// work and exits as it would have, and its further output goes nowhere instead of crashing with EPIPE.
let stdoutClosed = false
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  stdoutClosed = true
})

const status = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text)
    },
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  },
  { samplesDir: resolve(root, 'data/samples'), version },
)
process.exitCode = status
