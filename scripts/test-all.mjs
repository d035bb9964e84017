// Runs every check the project has, in order, and ends with one plain summary line
// ("N passed, N failed") that any CI can read: typecheck, lint, unit tests, build, end-to-end tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const UNIT_REPORT = 'test-results/unit-results.json'
const E2E_REPORT = 'test-results/e2e-results.json'

mkdirSync('test-results', { recursive: true })
rmSync(UNIT_REPORT, { force: true })
rmSync(E2E_REPORT, { force: true })

const steps = [
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['unit', ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${UNIT_REPORT}`]],
  ['build', ['npm', 'run', '--silent', 'build']],
  ['e2e', ['npx', 'playwright', 'test']],
]

let passed = 0
let failed = 0
const failedSteps = []

for (const [name, [command, ...args]] of steps) {
  console.log(`\n── ${name} ──`)
  const { status } = spawnSync(command, args, { stdio: 'inherit' })
  const counted = countTests(name)
  if (counted) {
    passed += counted.passed
    failed += counted.failed
  } else if (status === 0) {
    passed += 1
  } else {
    failed += 1
  }
  if (status !== 0) failedSteps.push(name)
  // Later steps cannot say anything useful once the code does not typecheck or build.
  if (status !== 0 && (name === 'typecheck' || name === 'build')) break
}

if (failedSteps.length > 0) console.log(`\nFailed: ${failedSteps.join(', ')}`)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failedSteps.length === 0 && failed === 0 ? 0 : 1)

/** Test counts from a runner's JSON report; null for steps that are a single check. */
function countTests(step) {
  if (step === 'unit' && existsSync(UNIT_REPORT)) {
    const report = JSON.parse(readFileSync(UNIT_REPORT, 'utf8'))
    return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numRuntimeErrors ?? 0) }
  }
  if (step === 'e2e' && existsSync(E2E_REPORT)) {
    const { stats } = JSON.parse(readFileSync(E2E_REPORT, 'utf8'))
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected }
  }
  return null
}
