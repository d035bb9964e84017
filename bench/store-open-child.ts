/**
 * One open of a library, in a fresh process (bench/store-open.bench.ts):
 *   node --import tsx bench/store-open-child.ts DIR read|write
 * Prints one JSON line: main-thread CPU and wall time from the call to open until the library
 * list is ready (the summaries listed, and the fields the list shows read from each), RSS after,
 * and whether the open migrated the index (and how long that took, ms).
 */
import { performance } from 'node:perf_hooks'
import { LibraryStore } from '../src/node/store/library-store'

const [dir, mode] = process.argv.slice(2)
if (dir === undefined || (mode !== 'read' && mode !== 'write')) throw new Error('usage: store-open-child DIR read|write')
const cpuMs = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}
let migrationStart: number | null = null
let migrationMs: number | null = null
const cpu = cpuMs()
const wall = performance.now()
const store = await LibraryStore.open(dir, {
  mode,
  onProgress: (progress) => {
    if (progress.step === 'migrating' && migrationStart === null) migrationStart = performance.now()
    if (progress.step !== 'migrating' && migrationStart !== null) migrationMs = performance.now() - migrationStart
  },
})
const articles = store.listArticles()
let characters = 0
for (const summary of articles) characters += summary.title.length + (summary.source?.length ?? 0) + (summary.published?.length ?? 0) + summary.language.length
const result = { count: articles.length, characters, cpuMs: cpuMs() - cpu, wallMs: performance.now() - wall, rssMb: process.memoryUsage().rss / 2 ** 20, migrationMs }
await store.close()
process.stdout.write(`${JSON.stringify(result)}\n`)
