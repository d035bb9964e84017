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

const articles = (JSON.parse(readFileSync(new URL('../fixtures/dossier/articles.json', import.meta.url), 'utf8')) as { articles: FixtureArticle[] }).articles
const labels = (JSON.parse(readFileSync(new URL('../fixtures/dossier/labels.json', import.meta.url), 'utf8')) as { articles: Record<string, Labels> }).articles

describe('dossier labelled set', () => {
  it('holds at least 30 articles in Vietnamese, English and Spanish, each labelled', () => {
    expect(articles.length).toBeGreaterThanOrEqual(30)
    expect(new Set(articles.map((a) => a.language))).toEqual(new Set(['vi', 'en', 'es']))
    expect(Object.keys(labels).sort()).toEqual(articles.map((a) => a.id).sort())
  })

  it('labels only what the cleaned body says: every name in its article, every event in an existing paragraph', () => {
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
