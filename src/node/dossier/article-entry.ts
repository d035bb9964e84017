import { extractArticleDossier, type ArticleDossier } from '../../common/dossier/extract-article'
import type { Article, ArticleSummary } from '../../common/model/article'

/**
 * One article's extraction as the library's dossier keeps it: the engine's output for the
 * cleaned body, the body-text offset of each paragraph (so a passage opens in the reader), and a
 * short excerpt around each person and organisation mention (so the People view shows it without
 * reading the article again). `stamp` says which version of the article it was computed from.
 */
export interface ArticleEntry {
  readonly stamp: string
  readonly dossier: ArticleDossier
  /** Offset of each block's first character in bodyText(blocks) (blocks are one blank line apart). */
  readonly blockOffsets: readonly number[]
  /** Excerpts around person and organisation mentions, by `${block}:${start}`. */
  readonly contexts: ReadonlyMap<string, string>
}

/**
 * What extraction depends on, from the summary: the text (revision and content hash) and the
 * language and publication date (which resolve the dates). Equal stamps, equal extraction.
 */
export function articleStamp(summary: Pick<ArticleSummary, 'revision' | 'contentHash' | 'language' | 'published'>): string {
  return `${summary.revision}|${summary.contentHash}|${summary.language}|${summary.published ?? ''}`
}

const CONTEXT_CHARS = 70

function excerpt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS)
  const to = Math.min(text.length, end + CONTEXT_CHARS)
  // Cut at word boundaries so the excerpt does not start or end mid-word.
  const head = from === 0 ? 0 : text.indexOf(' ', from) + 1 || from
  const tailSpace = to === text.length ? to : text.lastIndexOf(' ', to)
  const tail = tailSpace > end ? tailSpace : to
  return `${head > 0 ? '…' : ''}${text.slice(head, tail)}${tail < text.length ? '…' : ''}`
}

export function articleEntry(article: Article): ArticleEntry {
  const dossier = extractArticleDossier(article)
  const blockOffsets: number[] = []
  let offset = 0
  for (const block of article.blocks) {
    blockOffsets.push(offset)
    offset += block.text.length + 2
  }
  const contexts = new Map<string, string>()
  for (const mention of [...dossier.people.flatMap((person) => person.mentions), ...dossier.organisations.flatMap((organisation) => organisation.mentions)]) {
    const text = article.blocks[mention.block]?.text ?? ''
    contexts.set(`${mention.block}:${mention.start}`, excerpt(text, mention.start, mention.end))
  }
  return { stamp: articleStamp(article), dossier, blockOffsets, contexts }
}
