import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, tempDir } from '../helpers'

/**
 * Electronegativity (Doyensec's Electron security linter) over electron/. Any finding other than
 * these three MEDIUM ones fails, so every HIGH one does. Accepted, and why (see SECURITY.md):
 *  - CSP_GLOBAL_CHECK: the CSP is a response header set by the app:// handler from src/common/csp.ts,
 *    which the linter cannot see; e2e/security.spec.ts proves it blocks inline script and style.
 *  - OPEN_EXTERNAL_JS_CHECK: shell.openExternal only ever receives externalUrl()'s output
 *    (http, https, mailto; tested in test/security/navigation-policy.test.ts), after a confirmation.
 *  - PRELOAD_JS_CHECK: the preload exposes one named function per API method, never ipcRenderer.
 */
const ACCEPTED = new Set(['CSP_GLOBAL_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'PRELOAD_JS_CHECK'])

interface Finding {
  readonly check: string
  readonly where: string
}

interface Sarif {
  readonly runs: Array<{
    readonly results: Array<{
      readonly ruleId: string
      readonly locations: Array<{ readonly physicalLocation: { readonly artifactLocation: { readonly uri: string }; readonly region: { readonly startLine: number } } }>
    }>
  }>
}

/**
 * Runs the linter with SARIF output. Not CSV: its CSV writer truncates the file for the header
 * and appends the rows in two unordered writes, so the header can land over the first row (seen
 * in CI) or, worse, after the rows, leaving a file that lists nothing.
 */
async function runElectronegativity(): Promise<Finding[]> {
  const output = join(await tempDir(), 'electronegativity.sarif')
  const electronVersion = (JSON.parse(await readFile(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'electronegativity'), ['-i', join(ROOT, 'electron'), '-e', electronVersion, '-r', '-o', output], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 150_000,
  })
  expect(run.status, run.stderr).toBe(0)
  const sarif = JSON.parse(await readFile(output, 'utf8')) as Sarif
  return sarif.runs.flatMap((sarifRun) =>
    sarifRun.results.map((result) => {
      const location = result.locations[0]?.physicalLocation
      return { check: result.ruleId, where: `${location?.artifactLocation.uri ?? ''}:${location?.region.startLine ?? ''}` }
    }),
  )
}

describe('Electronegativity on electron/', () => {
  it('finds only the medium findings we accept (every other check, and every HIGH one, fails)', { timeout: 180_000 }, async () => {
    const findings = await runElectronegativity()
    // The control: the CSP check always fires (the CSP is a header the linter cannot see), so an
    // empty list would mean the run or the parsing failed, not that the code is clean.
    expect(findings.map((finding) => finding.check)).toContain('CSP_GLOBAL_CHECK')
    expect(findings.filter((finding) => !ACCEPTED.has(finding.check))).toEqual([])
  })
})
