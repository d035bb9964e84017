import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * A worker thread running a TypeScript entry from source (tests, the CLI, benchmarks and the
 * browser harness run from source through tsx; the Electron app runs the workers electron-vite
 * bundles instead). A worker's `execArgv: ['--import', 'tsx']` does not reach the worker's own
 * entry on Node 20, so a one-line script loads the entry through tsx's ES module API (its CommonJS
 * build cannot be loaded from an eval'd worker).
 */
export function workerFromSource(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('tsx/package.json')
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']
  if (exported === undefined) throw new Error(`tsx has no ./esm/api export: cannot run ${entry.href} from source`)
  const tsxApi = pathToFileURL(join(dirname(manifest), exported.import.default)).href
  const script = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`
  return new Worker(script, { ...options, eval: true })
}
