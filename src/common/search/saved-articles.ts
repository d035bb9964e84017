/**
 * The saved index's errors and checks (binary-index.ts, stored-articles.ts, change-log.ts).
 * Anything wrong with a saved index throws SearchIndexFormatError: the file is a cache, and the
 * caller rebuilds the index from the library.
 */
export class SearchIndexFormatError extends Error {
  override readonly name = 'SearchIndexFormatError'
}

export function check(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new SearchIndexFormatError(reason)
}

/** For checks run per article, unit or term: `if (!ok) fail(\`...\`)` builds the message only when it fails. */
export function fail(reason: string): never {
  throw new SearchIndexFormatError(reason)
}

export interface SerializedTag {
  readonly id: string
  readonly keys: readonly string[]
}
