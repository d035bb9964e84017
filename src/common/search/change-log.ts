import { check } from './saved-articles'
import type { SearchableArticle } from './searchable'
import { decodeUtf8, encodeUtf8 } from './utf8'

/**
 * The changes made to the index since its base file was written (binary-index.ts), as records
 * appended to a log beside it (index-file.ts frames and checks them). Saving after an edit then
 * costs what the edit changed: the changed articles as the index was given them, not the whole
 * index. Opening applies them over the base in order, as the index applied them the first time
 * (`addArticle` replaces, a removal is a tombstone), so the result is the index as it was.
 *
 * The first record names the base it applies to; a log naming another base (the base was
 * rewritten and a crash came before the log was restarted) is ignored. Each later record is one
 * save: the sequence number the index then held and each changed article's last state (null:
 * removed). A log grows until it holds LOG_MAX_CHANGES changes or LOG_MAX_BYTES: then the next
 * save writes a new base instead (search-host.ts), so that opening never replays much.
 */
export const CHANGE_LOG_VERSION = 1
/** Changes a log may hold before the next save writes a new base: replaying them is a fraction of a second. */
export const LOG_MAX_CHANGES = 200
export const LOG_MAX_BYTES = 4 * 2 ** 20

export type LoggedChange = readonly [id: string, article: SearchableArticle | null]

export interface LogBatch {
  readonly seq: number
  readonly changes: readonly LoggedChange[]
}

export function encodeLogHead(baseId: string): Uint8Array {
  return encodeUtf8(JSON.stringify({ version: CHANGE_LOG_VERSION, baseId }))
}

export function encodeLogBatch(batch: LogBatch): Uint8Array {
  return encodeUtf8(JSON.stringify(batch))
}

function isArticle(value: unknown): value is SearchableArticle {
  const article = value as SearchableArticle
  return (
    typeof article === 'object' &&
    article !== null &&
    typeof article.id === 'string' &&
    typeof article.stamp === 'string' &&
    typeof article.title === 'string' &&
    typeof article.body === 'string' &&
    Array.isArray(article.annotations)
  )
}

/**
 * The batches of a log's records (as index-file.ts read them, intact ones only) when it names the
 * base `baseId`; null when it names another base or holds none. SearchIndexFormatError when an
 * intact record is not what this code writes (another version).
 */
export function readLogBatches(records: readonly Uint8Array[], baseId: string): LogBatch[] | null {
  if (records.length === 0) return null
  const head = JSON.parse(decodeUtf8(records[0]!)) as { version?: unknown; baseId?: unknown }
  check(head.version === CHANGE_LOG_VERSION, `change log version ${String(head.version)}, expected ${CHANGE_LOG_VERSION}`)
  if (head.baseId !== baseId) return null
  return records.slice(1).map((record) => {
    const batch = JSON.parse(decodeUtf8(record)) as LogBatch
    check(typeof batch === 'object' && batch !== null && Number.isFinite(batch.seq) && Array.isArray(batch.changes), 'a change log record is malformed')
    for (const change of batch.changes) {
      check(Array.isArray(change) && typeof change[0] === 'string' && (change[1] === null || (isArticle(change[1]) && change[1].id === change[0])), 'a logged change is malformed')
    }
    return batch
  })
}
