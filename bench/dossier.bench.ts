import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { findEvents } from '../src/common/dossier/chronology'
import { extractArticleDossier } from '../src/common/dossier/extract-article'
import { findPeople } from '../src/common/dossier/people'
import { nameKey } from '../src/common/dossier/tokens'
import type { DossierSource } from '../src/common/dossier/types'
import type { LanguageCode, PartialDate } from '../src/common/model/article'
import { percentile, printTable, type Row } from './table'

/**
 * Dossier extraction measured on the labelled set written for it (test/fixtures/dossier: 30 short
 * agency-style articles in Vietnamese, English and Spanish, every person and dated event marked),
 * and on a small held-out set written after the rules (holdout-*.json).
 * - people: a found person counts when its name (folded) and primary role (case ignored) equal a
 *   labelled pair of the same article;
 * - events: a found event counts when its paragraph and resolved dates equal a labelled one (an
 *   unresolved one: its paragraph and text as written);
 * - cost: people, organisations and events of one article, per article.
 * Goals: precision ≥ 0.9 and recall ≥ 0.85 for each; ≤ 5 ms per article.
 */
interface FixtureArticle {
  id: string
  language: LanguageCode
  published: PartialDate | null
  blocks: string[]
}
interface Labels {
  people: { name: string; role: string }[]
  events: { block: number; from?: string; to?: string; unresolved?: boolean; text?: string }[]
}

const here = fileURLToPath(new URL('.', import.meta.url))
const fixtures = `${here}../test/fixtures/dossier/`

function load(prefix: string): { sources: DossierSource[]; labels: Record<string, Labels> } {
  const articles = (JSON.parse(readFileSync(`${fixtures}${prefix}articles.json`, 'utf8')) as { articles: FixtureArticle[] }).articles
  const labels = (JSON.parse(readFileSync(`${fixtures}${prefix}labels.json`, 'utf8')) as { articles: Record<string, Labels> }).articles
  const sources = articles.map((a) => ({ id: a.id, language: a.language, published: a.published, blocks: a.blocks.map((text) => ({ kind: 'paragraph' as const, text })) }))
  return { sources, labels }
}

function score(found: Set<string>, gold: Set<string>): { tp: number; fp: number; fn: number } {
  let tp = 0
  for (const key of found) if (gold.has(key)) tp++
  return { tp, fp: found.size - tp, fn: gold.size - tp }
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b
}

/** Precision and recall of one labelled set, with the differences listed. */
function quality(name: string, sources: readonly DossierSource[], labels: Record<string, Labels>): void {
  const people = { tp: 0, fp: 0, fn: 0 }
  const events = { tp: 0, fp: 0, fn: 0 }
  const misses: string[] = []
  for (const source of sources) {
    const gold = labels[source.id] ?? { people: [], events: [] }
    const foundPeople = new Set(findPeople(source).map((p) => `${nameKey(p.name)}|${(p.roles[0] ?? '').toLowerCase()}`))
    const goldPeople = new Set(gold.people.map((p) => `${nameKey(p.name)}|${p.role.toLowerCase()}`))
    const foundEvents = new Set(findEvents(source).map((e) => (e.from === null ? `${e.mention.block}|?${e.mention.text}` : `${e.mention.block}|${e.from}|${e.to}`)))
    const goldEvents = new Set(gold.events.map((e) => (e.unresolved ? `${e.block}|?${e.text}` : `${e.block}|${e.from}|${e.to ?? e.from}`)))
    for (const [found, wanted, total] of [
      [foundPeople, goldPeople, people],
      [foundEvents, goldEvents, events],
    ] as const) {
      const s = score(found, wanted)
      total.tp += s.tp
      total.fp += s.fp
      total.fn += s.fn
      for (const key of found) if (!wanted.has(key)) misses.push(`${source.id} extra ${key}`)
      for (const key of wanted) if (!found.has(key)) misses.push(`${source.id} missed ${key}`)
    }
  }
  const rows: Row[] = [
    { benchmark: `${name}: people (name + role), ${sources.length} articles`, precision: ratio(people.tp, people.tp + people.fp), recall: ratio(people.tp, people.tp + people.fn), labelled: people.tp + people.fn },
    { benchmark: `${name}: events (date + paragraph), ${sources.length} articles`, precision: ratio(events.tp, events.tp + events.fp), recall: ratio(events.tp, events.tp + events.fn), labelled: events.tp + events.fn },
  ]
  printTable(`Dossier extraction quality, ${name} (goal: precision ≥ 0.9, recall ≥ 0.85)`, rows)
  if (misses.length > 0) console.log(`  differences: ${misses.join('; ')}`)
}

export function benchDossier(quick: boolean): void {
  const { sources, labels } = load('')
  quality('labelled set', sources, labels)
  // Written after the rules: the fairer estimate of how they do on text they were not shaped by.
  const holdout = load('holdout-')
  quality('held-out set', holdout.sources, holdout.labels)

  const rounds = quick ? 20 : 200
  const extractAll = (): void => {
    for (const source of sources) extractArticleDossier(source)
  }
  const firstStart = performance.now()
  extractAll()
  const first = (performance.now() - firstStart) / sources.length
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    extractAll()
    samples.push((performance.now() - start) / sources.length)
  }
  printTable('Dossier extraction cost (people + organisations + events; goal ≤ 5 ms per article)', [
    { benchmark: `per article, ${rounds} rounds of ${sources.length}`, 'first ms': first, 'p50 ms': percentile(samples, 50), 'p95 ms': percentile(samples, 95) },
  ])
}
