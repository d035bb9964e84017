import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { dropClauseCache } from '../src/common/search/clause-cache'
import { blockPolicy } from '../src/common/search/rank'
import { search } from '../src/common/search/search'
import { SearchIndex } from '../src/common/search/search-index'
import { decodeBinaryIndex, encodeBinaryIndex } from '../src/common/search/binary-index'
import { indexFiles } from '../src/node/search/index-file'
import { random } from './corpus'
import { querySets, toSearchable } from './search.bench'
import { percentile } from './table'

/**
 * For profiling, not a benchmark table: builds the 10,000-article search index once (or loads it
 * from CACHE, a file this script wrote before, so that profiles show queries rather than the
 * build), then runs the query sets named on the command line (all when none) ROUNDS times.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-search.ts '3 terms' 'accented 2 terms'
 * Environment: SIZE (10000), ROUNDS (30), CACHE (a path; unset: always build), COLD=1 (drop the
 * clause cache before every query: words never searched before), PER_QUERY=1 (each query's median
 * CPU time, to see which queries make a set's p95), BLOCKS_PER_DEPTH (rank.ts' blockPolicy: 0 ranks
 * every query it can by blocks, to compare the two paths on one base).
 */
const size = Number(process.env['SIZE'] ?? 10_000)
const rounds = Number(process.env['ROUNDS'] ?? 30)
const cache = process.env['CACHE']
const wanted = process.argv.slice(2)
const cold = process.env['COLD'] === '1'
if (process.env['BLOCKS_PER_DEPTH'] !== undefined) blockPolicy.articlesPerDepth = Number(process.env['BLOCKS_PER_DEPTH'])

function build(): SearchIndex {
  const index = new SearchIndex()
  for (let i = 0; i < size; i++) index.addArticle(toSearchable(i))
  return index
}

const start = performance.now()
let index: SearchIndex
if (cache !== undefined && existsSync(cache)) index = decodeBinaryIndex(indexFiles.open(cache)!).index
else {
  index = build()
  if (cache !== undefined) indexFiles.write(cache, encodeBinaryIndex(index, 0))
}
console.log(`index ready in ${Math.round(performance.now() - start)} ms`)

for (const set of querySets(random(42))) {
  if (wanted.length > 0 && !wanted.includes(set.name)) continue
  for (const query of set.queries) search(index, query, { limit: 20, prefix: set.miniPrefix })
  const wall: number[] = []
  const cpu: number[] = []
  let total = 0
  const perQuery = new Map<string, number[]>()
  for (let round = 0; round < rounds; round++) {
    for (const query of set.queries) {
      if (cold) dropClauseCache(index)
      const before = process.cpuUsage()
      const at = performance.now()
      const outcome = search(index, query, { limit: 20, prefix: set.miniPrefix })
      wall.push(performance.now() - at)
      const used = process.cpuUsage(before)
      cpu.push((used.user + used.system) / 1000)
      let mine = perQuery.get(query)
      if (mine === undefined) perQuery.set(query, (mine = []))
      mine.push((used.user + used.system) / 1000)
      if (outcome.ok) total += outcome.total
    }
  }
  const f = (n: number) => n.toFixed(2)
  if (process.env['PER_QUERY'] === '1') {
    // Which queries of the set make its p95: slowest (median CPU) last.
    const medians = [...perQuery].map(([query, times]) => ({ query, median: percentile(times, 50) })).sort((a, b) => a.median - b.median)
    for (const { query, median } of medians) console.log(`  ${query.padEnd(30)} cpu p50 ${median.toFixed(2)}`)
  }
  console.log(`${set.name.padEnd(22)} wall p50 ${f(percentile(wall, 50))} p95 ${f(percentile(wall, 95))}  cpu p50 ${f(percentile(cpu, 50))} p95 ${f(percentile(cpu, 95))} mean ${f(cpu.reduce((sum, ms) => sum + ms, 0) / cpu.length)}  hits ${Math.round(total / rounds / set.queries.length)}`)
}
