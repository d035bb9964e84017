import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { decodeBinaryIndex } from '../src/common/search/binary-index'
import { dropClauseCache } from '../src/common/search/clause-cache'
import { search } from '../src/common/search/search'
import type { SearchIndex } from '../src/common/search/search-index'
import { deserializeIndex } from '../src/common/search/serialize'
import { indexFiles } from '../src/node/search/index-file'

/**
 * One saved index opened in a fresh process, as the app's search thread opens it after a start:
 * `node --import tsx bench/search-cold-child.ts KIND FILE QUERIES_JSON`. KIND is how it was saved:
 * `binary` (the cache file: checksum, then texts decoded lazily), `binary-eager` (the same, every
 * text decoded at load) or `json` (the JSON form, base64 postings). Prints one JSON line: the
 * first search's time from nothing (read, check, decode, answer), then cold latencies per query
 * set (each query with the clause cache dropped, after one warm-up round) and memory.
 */
const [kind, file, queriesFile] = process.argv.slice(2) as [string, string, string]
const sets = JSON.parse(readFileSync(queriesFile, 'utf8')) as Array<{ name: string; queries: string[]; prefix: boolean }>

const cpuMs = (before: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

const cpuStart = process.cpuUsage()
const start = performance.now()
let index: SearchIndex
if (kind === 'json') index = deserializeIndex(JSON.parse(readFileSync(file, 'utf8')))
else {
  index = decodeBinaryIndex(indexFiles.read(file)!).index
  if (kind === 'binary-eager') for (let unit = 0; unit < index.units.count; unit++) index.units.textOf(unit)
}
const loadMs = performance.now() - start
const first = search(index, sets[0]!.queries[0]!, { limit: 20 })
const firstMs = performance.now() - start
const firstCpuMs = cpuMs(cpuStart)
if (!first.ok) throw new Error('the first query failed')

const results = sets.map((set) => {
  const wall: number[] = []
  const cpu: number[] = []
  for (let round = 0; round < 4; round++) {
    for (const query of set.queries) {
      dropClauseCache(index)
      const before = process.cpuUsage()
      const at = performance.now()
      search(index, query, { limit: 20, prefix: set.prefix })
      if (round > 0) {
        wall.push(performance.now() - at)
        cpu.push(cpuMs(before))
      }
    }
  }
  return { name: set.name, wall, cpu }
})
const memory = process.memoryUsage()
console.log(JSON.stringify({ loadMs, firstMs, firstCpuMs, results, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, externalMb: memory.external / 2 ** 20 }))
