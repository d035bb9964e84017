import { appendFileSync } from 'node:fs'
import { importFiles } from '../../src/node/import/import-files'
import { ocrService } from '../../src/node/import/ocr/ocr-service'

/**
 * Run by offline.test.ts in a child process under network-guard.cjs: checks that the guard is
 * in place (a fetch fails), marks the log, imports the files named on the command line, and prints
 * the outcomes as JSON.
 */
const log = process.env['NETWORK_GUARD_LOG']!
const guarded = await fetch('http://127.0.0.1:9/').then(
  () => false,
  () => true,
)
appendFileSync(log, `guard-works ${guarded}\nimport-start\n`)
const summary = await importFiles(process.argv.slice(2))
await ocrService().close()
console.log(JSON.stringify(summary.outcomes.map((outcome) => (outcome.ok ? { ok: true, text: outcome.article.blocks.map((block) => block.text).join(' ') } : { ok: false, code: outcome.error.code }))))
