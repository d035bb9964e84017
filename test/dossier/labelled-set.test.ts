import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** The labelled set the bench measures against must stay well formed: a broken label would skew the figures silently. */
interface FixtureArticle {
  id: string
  language: string
  blocks: string[]
}
interface Labels {
  people: { name: string; role: string }[]
  events: { block: number; from?: string; to?: string; unresolved?: boolean; text?: string }[]
}

function load(prefix: string): { articles: FixtureArticle[]; labels: Record<string, Labels> } {
  const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/dossier/${prefix}${name}`, import.meta.url), 'utf8'))
  return { articles: (read('articles.json') as { articles: FixtureArticle[] }).articles, labels: (read('labels.json') as { articles: Record<string, Labels> }).articles }
}

const { articles } = load('')

describe('dossier labelled set', () => {
  it('holds at least 30 articles in Vietnamese, English and Spanish, each labelled', () => {
    expect(articles.length).toBeGreaterThanOrEqual(30)
    expect(new Set(articles.map((a) => a.language))).toEqual(new Set(['vi', 'en', 'es']))
  })

  it.each(['', 'holdout-'])('%slabels only what the cleaned body says: every article labelled, every name in its article, every event in an existing paragraph', (prefix) => {
    const { articles, labels } = load(prefix)
    expect(Object.keys(labels).sort()).toEqual(articles.map((a) => a.id).sort())
    for (const article of articles) {
      const body = article.blocks.join('\n\n')
      const label = labels[article.id]
      for (const person of label?.people ?? []) expect(body, `${article.id}: ${person.name}`).toContain(person.name)
      for (const event of label?.events ?? []) {
        expect(event.block, article.id).toBeLessThan(article.blocks.length)
        if (event.unresolved) expect(article.blocks[event.block], article.id).toContain(event.text)
        else expect(event.from, article.id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/)
      }
    }
  })
})
