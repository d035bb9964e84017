import type { Block, LanguageCode, PartialDate } from '../model/article'

/**
 * The shapes the dossier works on. Everything is addressed in the cleaned body only: `block` is the
 * index of a paragraph in `Article.blocks`, `start`/`end` are UTF-16 offsets into that block's text
 * (NFC, as the library stores it). Captions and removed text are never read, so they yield nothing.
 */

/** What the extractor reads of an article: `Article` satisfies it. */
export interface DossierSource {
  readonly id: string
  readonly language: LanguageCode
  /** Publication date with the precision known, or null when unknown. */
  readonly published: PartialDate | null
  readonly blocks: readonly Block[]
}

/** A place in the cleaned body of one article. */
export interface Passage {
  readonly articleId: string
  readonly block: number
  readonly start: number
  readonly end: number
}

/** A passage and the words found there, as written. */
export interface Mention extends Passage {
  readonly text: string
}

export interface PersonMention extends Mention {
  /** The title as written before or around the name ("Thứ trưởng Ngoại giao"), or null for a bare name. */
  readonly role: string | null
  readonly country: string | null
  readonly organisation: string | null
}

/** A person found in one article, its name variants merged. */
export interface ArticlePerson {
  /** The fullest form of the name in the article. */
  readonly name: string
  /** Every role the article gives, longest first; `roles[0]` is the primary role. */
  readonly roles: readonly string[]
  readonly country: string | null
  readonly organisation: string | null
  /** Every mention, in document order: the titled ones and later bare or shortened references. */
  readonly mentions: readonly PersonMention[]
}

export interface ArticleOrganisation {
  /** The name as first written (an acronym stays an acronym). */
  readonly name: string
  /** Other names the article gives it ("Tập đoàn Dầu khí Việt Nam" for PVN). */
  readonly aliases: readonly string[]
  readonly mentions: readonly Mention[]
}

export type DatePrecision = 'day' | 'month' | 'year'

/** How a date was settled. */
export type DateResolution =
  /** The text gives the year. */
  | { readonly kind: 'absolute' }
  /** The year (or the whole date) comes from the publication date: "Ngày 3/10", "năm tới". */
  | { readonly kind: 'relative'; readonly published: PartialDate }
  /**
   * Counted back from the publication date: "kỷ niệm 30 năm" in 2024 is 1994. The reasoning is
   * these fields (publication year − years = date); the UI words it through the message catalogue.
   */
  | { readonly kind: 'derived'; readonly published: PartialDate; readonly years: number }
  /** Relative, and what it is relative to is unknown: left unresolved, never guessed. */
  | { readonly kind: 'unresolved'; readonly reason: UnresolvedReason }

/** Why a date stays unresolved (codes, so that the UI can say it in the reader's language). */
export type UnresolvedReason = 'no-publication-date' | 'publication-month-unknown' | 'no-such-day'

export interface DatedEvent {
  readonly articleId: string
  /** The date as written, and where. */
  readonly mention: Mention
  /** The sentence the date stands in (same block), which says what happened. */
  readonly sentence: Passage & { readonly text: string }
  /** Null when unresolved. `from === to` for a single day, month or year. */
  readonly from: PartialDate | null
  readonly to: PartialDate | null
  readonly precision: DatePrecision
  /** After the publication date (or marked as coming: "tới đây", "next"); null when unknowable. */
  readonly future: boolean | null
  readonly resolution: DateResolution
  /**
   * The entities the sentence names, folded (merge-events.ts `sentenceEntities`): what reports of
   * one event in several articles share. Computed at extraction so that a merge reads no text.
   */
  readonly entities?: readonly string[]
}
