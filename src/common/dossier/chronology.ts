import { findDateExpressions } from './date-expressions'
import { isComparisonTerm } from './comparison'
import { isAfter, resolveDate } from './resolve-date'
import { sentenceEntities } from './sentence-entities'
import type { DatedEvent, DossierSource, Passage } from './types'

/**
 * The dated events of one article: every date expression of its cleaned body (date-expressions.ts),
 * resolved against its publication date (resolve-date.ts), with the sentence it stands in as the
 * event's text. A date that is the term of a comparison ("tăng 2,5% so với cùng kỳ năm 2022",
 * "compared with 2022": comparison.ts) is no event and is left out. Precision is the text's:
 * "tháng 11/2024" stays a month, "năm 2014" a year.
 * `future` is true when the date lies after publication (compared at the coarser precision) or the
 * text says it is coming ("tới đây", "next"), false when it lies on or before, null when unknowable.
 */
const SENTENCE_END = /[.!?;](?=[ \u00A0]+[\p{Lu}\d"“(]|$)/gu

function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let from = 0
  let to = text.length
  SENTENCE_END.lastIndex = 0
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    if (match.index < start) from = match.index + 1
    else if (match.index >= end) {
      to = match.index + 1
      break
    }
  }
  while (from < start && /\s/.test(text.charAt(from))) from++
  return { start: from, end: to }
}

export function findEvents(source: DossierSource): DatedEvent[] {
  const events: DatedEvent[] = []
  source.blocks.forEach((block, index) => {
    const text = block.text.normalize('NFC')
    for (const expression of findDateExpressions(text)) {
      const resolved = resolveDate(expression, source.published)
      const sentence = sentenceAround(text, expression.start, expression.end)
      // "so với cùng kỳ năm 2022", "compared with 2022": the term of a comparison, no event.
      if (isComparisonTerm(text.slice(sentence.start, expression.start))) continue
      const mention: Passage & { text: string } = { articleId: source.id, block: index, start: expression.start, end: expression.end, text: text.slice(expression.start, expression.end) }
      let future: boolean | null = null
      if (expression.direction === 'future') future = true
      else if (resolved.from !== null && source.published !== null) future = isAfter(resolved.from, source.published)
      events.push({
        articleId: source.id,
        mention,
        sentence: { articleId: source.id, block: index, ...sentence, text: text.slice(sentence.start, sentence.end) },
        from: resolved.from,
        to: resolved.to,
        precision: resolved.precision,
        future,
        resolution: resolved.resolution,
        entities: [...sentenceEntities(text.slice(sentence.start, sentence.end))],
      })
    }
  })
  return events
}
