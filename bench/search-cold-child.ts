import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { decodeBinaryIndex } from '../src/common/search/binary-index'
import { dropClauseCache } from '../src/common/search/clause-cache'
import { search } from '../src/common/search/search'
import { openSavedIndex } from '../src/common/search/saved-index'
import type { SearchIndex } from '../src/common/search/search-index'
import { indexFiles } from '../src/node/search/index-file'

/**
 * One saved index opened in a fresh process, as the app's search thread opens it after a start:
 * `node --import tsx bench/search-cold-child.ts KIND FILE QUERIES_JSON`. KIND is how it is opened:
 * `pieces` (as the app does: the base read piece by piece as queries need it, each piece checked
 * the first time, and the change log beside it applied) or `whole` (as before: the whole file
 * read and its checksum checked at open, lists and texts then views of those bytes). Prints one JSON line: the
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
if (kind === 'whole') {
  const bytes = readFileSync(file)
  // The base's bytes end where its trailer says (index-file.ts); the old file's checksum covered them all.
  const body = bytes.readUInt32LE(bytes.length - 48) + bytes.readUInt32LE(bytes.length - 44) * 2 ** 32
  createHash('sha256').update(bytes.subarray(0, body)).digest()
  index = decodeBinaryIndex(new Uint8Array(bytes.buffer, bytes.byteOffset, body)).index
} else index = openSavedIndex(indexFiles, file)!.index
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
