/**
 * Broken invariants in anchoring: a caller passed something that cannot be right. "Not found" is
 * never an error here (it returns null or an orphan); these mean a bug upstream.
 */

/** A range that is empty, reversed, outside the text, or cuts a surrogate pair in half. */
export class TextRangeError extends RangeError {
  readonly start: number
  readonly end: number
  readonly textLength: number

  constructor(start: number, end: number, textLength: number, reason: string) {
    super(`the range [${start}, ${end}) of a text of ${textLength} code units ${reason}`)
    this.name = 'TextRangeError'
    this.start = start
    this.end = end
    this.textLength = textLength
  }
}

/** Occurrences are counted from 1, as a user counts them. */
export class OccurrenceNumberError extends RangeError {
  readonly occurrence: number

  constructor(occurrence: number) {
    super(`an occurrence is counted from 1, got ${occurrence}`)
    this.name = 'OccurrenceNumberError'
    this.occurrence = occurrence
  }
}

/** An annotation refers to a tag the caller could not name: the library is inconsistent. */
export class UnknownTagError extends Error {
  readonly tagId: string

  constructor(tagId: string) {
    super(`the tag ${tagId} has no name (is it missing from the library?)`)
    this.name = 'UnknownTagError'
    this.tagId = tagId
  }
}
