import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { random } from './corpus'
import { querySets } from './search.bench'
import { percentile } from './table'

/**
 * Old code against new, cold queries, in one process and interleaved query by query, so that a
 * shared machine's load falls on both alike. BASE is a checkout of the old code (e.g. `git archive
 * <commit> src | tar -x -C /tmp/base`); both load the same saved index (CACHE, written by
 * profile-search.ts or search-results-dump.ts), or, when the saved format changed between them,
 * each its own (BASE_CACHE for the old code, written by the old code's scripts).
 *   BASE=/tmp/base CACHE=/tmp/search-index.bin node --import tsx bench/search-cold-ab.ts '3 terms'
 * Prints CPU (process, includes GC threads) and wall p50/p95 per query set for each side.
 */
interface Side {
  readonly name: string
  readonly index: unknown
  readonly search: (index: unknown, query: string, options: object) => unknown
  readonly drop: (index: unknown) => void
}

async function side(name: string, root: string, file: string): Promise<Side> {
  const load = async (path: string) => (await import(join(root, 'src', path))) as Record<string, unknown>
  const binary = await load('common/search/binary-index.ts')
  const files = (await load('node/search/index-file.ts'))['indexFiles'] as { open?: (path: string) => unknown; read?: (path: string) => unknown }
  const searching = await load('common/search/search.ts')
  const cache = await load('common/search/clause-cache.ts')
  // A checkout from before the base was read piece by piece has `read` (the whole file) instead of `open`.
  const saved = files.open !== undefined ? files.open(file) : files.read!(file)
  const index = ((binary['decodeBinaryIndex'] as (value: unknown) => { index: unknown })(saved)).index
  return { name, index, search: searching['search'] as Side['search'], drop: cache['dropClauseCache'] as Side['drop'] }
}

const base = process.env['BASE']
const cachePath = process.env['CACHE']
if (base === undefined || cachePath === undefined) throw new Error('set BASE (old checkout) and CACHE (saved index)')
const baseCachePath = process.env['BASE_CACHE'] ?? cachePath
const rounds = Number(process.env['ROUNDS'] ?? 20)
const wanted = process.argv.slice(2)
const sides = [await side('old', resolve(base), baseCachePath), await side('new', resolve(import.meta.dirname, '..'), cachePath)]

console.log(`load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}`)
for (const set of querySets(random(42))) {
  if (wanted.length > 0 && !wanted.includes(set.name)) continue
  const cpu = sides.map((): number[] => [])
  const wall = sides.map((): number[] => [])
  for (const s of sides) for (const query of set.queries) s.search(s.index, query, { limit: 20, prefix: set.miniPrefix })
  for (let round = 0; round < rounds; round++) {
    for (const query of set.queries) {
      sides.forEach((s, i) => {
        s.drop(s.index)
        const before = process.cpuUsage()
        const at = performance.now()
        s.search(s.index, query, { limit: 20, prefix: set.miniPrefix })
        wall[i]!.push(performance.now() - at)
        const used = process.cpuUsage(before)
        cpu[i]!.push((used.user + used.system) / 1000)
      })
    }
  }
  const f = (n: number) => n.toFixed(2).padStart(6)
  sides.forEach((s, i) => {
    console.log(`${set.name.padEnd(22)} ${s.name}  cold CPU p50 ${f(percentile(cpu[i]!, 50))} p95 ${f(percentile(cpu[i]!, 95))}   wall p50 ${f(percentile(wall[i]!, 50))} p95 ${f(percentile(wall[i]!, 95))}`)
  })
}
console.log(`load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}`)
