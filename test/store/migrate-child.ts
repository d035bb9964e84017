/**
 * A process that opens a library for the migration tests (index-columns.test.ts):
 *
 *   migrate DIR   opens it for changes (migrating the index when it is in an older layout),
 *                 printing each step as "progress <json>", then "listed <count>", then closes
 *   read DIR      opens it read-only and prints "listed <count>"
 *
 * An open that fails prints "error <message>" and exits with 1.
 */
import { LibraryStore } from '../../src/node/store/library-store'

const [mode, dir] = process.argv.slice(2)
if (dir === undefined || (mode !== 'migrate' && mode !== 'read')) throw new Error('usage: migrate-child migrate|read DIR')
// The "disk full" case: the kernel refuses writes past a file-size limit (ulimit -f).
process.on('SIGXFSZ', () => undefined)

try {
  const store = await LibraryStore.open(dir, {
    mode: mode === 'read' ? 'read' : 'write',
    onProgress: (progress) => process.stdout.write(`progress ${JSON.stringify(progress)}\n`),
  })
  process.stdout.write(`listed ${store.listArticles().length}\n`)
  await store.close()
} catch (error) {
  process.stdout.write(`error ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
