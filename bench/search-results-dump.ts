import { existsSync, writeFileSync } from 'node:fs'
import { dropClauseCache } from '../src/common/search/clause-cache'
import { blockPolicy } from '../src/common/search/rank'
import { search } from '../src/common/search/search'
import { SearchIndex } from '../src/common/search/search-index'
import { decodeBinaryIndex, encodeBinaryIndex } from '../src/common/search/binary-index'
import { indexFiles } from '../src/node/search/index-file'
import { random } from './corpus'
import { querySets, toSearchable } from './search.bench'

/**
 * For checking that a change to the search code leaves results alone: runs a fixed list of
 * searches (every bench query set, with and without prefixes, two pages, cold and warm, plus
 * their words alone and in pairs) and writes every response as JSON to OUT. Run it on the old
 * code and on the new, then compare the two files byte for byte:
 *   CACHE=/tmp/search-index.bin OUT=/tmp/new.json node --import tsx bench/search-results-dump.ts
 * Environment: SIZE (10000), CACHE (a saved index to load, or where to save the one built),
 * BLOCKS_PER_DEPTH (rank.ts' blockPolicy: 0 ranks every query it can by blocks, the strictest
 * comparison with the general path).
 */
const size = Number(process.env['SIZE'] ?? 10_000)
const cache = process.env['CACHE']
const out = process.env['OUT'] ?? '/dev/stdout'
if (process.env['BLOCKS_PER_DEPTH'] !== undefined) blockPolicy.articlesPerDepth = Number(process.env['BLOCKS_PER_DEPTH'])

let index: SearchIndex
if (cache !== undefined && existsSync(cache)) index = decodeBinaryIndex(indexFiles.open(cache)!).index
else {
  index = new SearchIndex()
  for (let i = 0; i < size; i++) index.addArticle(toSearchable(i))
  if (cache !== undefined) indexFiles.write(cache, encodeBinaryIndex(index, 0))
}

const queries = new Set<string>()
for (const set of querySets(random(42))) {
  for (const query of set.queries) {
    queries.add(query)
    const words = query.replaceAll('"', '').split(' ')
    for (const word of words) queries.add(word)
    for (let i = 0; i + 1 < words.length; i++) queries.add(`${words[i]!} ${words[i + 1]!}`)
  }
}
queries.add('hợp tác tag:trade')
queries.add('"thương mại" lang:vi has:note')
queries.add('zzzz hop')

const lines: string[] = []
for (const cold of [true, false]) {
  for (const query of queries) {
    for (const prefix of [false, true]) {
      for (const offset of [0, 20]) {
        if (cold) dropClauseCache(index)
        lines.push(JSON.stringify(search(index, query, { limit: 20, offset, prefix })))
      }
    }
  }
}
writeFileSync(out, `${lines.join('\n')}\n`)
console.error(`${lines.length} searches written to ${out}`)
