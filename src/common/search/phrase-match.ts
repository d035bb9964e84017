import { clauseMatch, EMPTY_MATCH, type ClauseMatch } from './clause-match'
import { PositionReader } from './position-reader'
import { EXACT_BOOST, FIELD_WEIGHTS, K1, lengthNorms } from './ranking'
import type { SearchIndex } from './search-index'

interface PhraseOutput {
  readonly units: number[]
  readonly scores: number[]
  readonly posStart: number[]
  readonly positions: number[]
}

/** Units where the words occur one after the other; positions are the phrase's first token. */
export function phraseMatch(index: SearchIndex, parts: readonly ClauseMatch[], averages: Float64Array): ClauseMatch {
  if (parts.length === 0 || parts.some((part) => part.count === 0)) return clauseMatch(0, EMPTY_MATCH.units, EMPTY_MATCH.scores, 0, parts.length, [])
  const idf = parts.reduce((sum, part) => sum + part.idf, 0)
  const out: PhraseOutput = { units: [], scores: [], posStart: [0], positions: [] }
  scanPhrase(index, parts, idf, averages, out)
  return clauseMatch(
    out.units.length,
    Int32Array.from(out.units),
    Float64Array.from(out.scores),
    idf,
    parts.length,
    [],
    Int32Array.from(out.posStart),
    Int32Array.from(out.positions),
  )
}

function scanPhrase(index: SearchIndex, parts: readonly ClauseMatch[], idf: number, averages: Float64Array, out: PhraseOutput): void {
  const head = parts[0]!
  const rest = parts.slice(1)
  const headReader = new PositionReader(head)
  const readers = rest.map((part) => new PositionReader(part))
  const lengths = new Int32Array(rest.length)
  const cursor = new Int32Array(rest.length)
  const scan = new Int32Array(rest.length)
  const unitField = index.units.field
  const unitLength = index.units.length
  const { a, c } = lengthNorms(averages)
  const factor = Float64Array.from(FIELD_WEIGHTS, (weight) => idf * weight * (K1 + 1))
  const { units, scores, posStart, positions } = out
  outer: for (let k = 0; k < head.count; k++) {
    const unit = head.units[k]!
    for (let j = 0; j < rest.length; j++) {
      const part = rest[j]!
      let at = cursor[j]!
      while (at < part.count && part.units[at]! < unit) at++
      cursor[j] = at
      if (at >= part.count || part.units[at] !== unit) continue outer
    }
    for (let j = 0; j < rest.length; j++) {
      lengths[j] = readers[j]!.read(cursor[j]!)
      scan[j] = 0
    }
    const firstCount = headReader.read(k)
    const first = headReader.buffer
    const before = positions.length
    let exactCount = 0
    for (let p = 0; p < firstCount; p++) {
      const start = first[p]! >>> 1
      let exact = first[p]! & 1
      let found = true
      for (let j = 0; j < rest.length && found; j++) {
        const list = readers[j]!.buffer
        const length = lengths[j]!
        const want = start + j + 1
        let q = scan[j]!
        while (q < length && list[q]! >>> 1 < want) q++
        scan[j] = q
        if (q < length && list[q]! >>> 1 === want) exact &= list[q]!
        else found = false
      }
      if (!found) continue
      positions.push((start << 1) | exact)
      exactCount += exact
    }
    const tf = positions.length - before
    if (tf === 0) continue
    const field = unitField[unit]!
    const boosted = tf + EXACT_BOOST * exactCount
    units.push(unit)
    scores.push((factor[field]! * boosted) / (boosted + a[field]! + c[field]! * unitLength[unit]!))
    posStart.push(positions.length)
  }
}
