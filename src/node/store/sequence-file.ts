import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isErrno, writeDurably } from './durable-json-file'

/**
 * `sequence.json`: the highest change sequence number the store may have handed out (see
 * change-feed.ts). Store metadata like `.lock` and `journal.json`, not library data: it is not
 * in backups or generations, so a restore never takes the numbers back.
 */
export const SEQUENCE_FILE = 'sequence.json'

/**
 * The persisted number: 0 for a library that never committed through the feed. An unreadable
 * file cannot say where numbering stood, so numbering goes on from the clock (milliseconds
 * since 1970), far above any count of commits a library makes: still monotonic for consumers.
 */
export async function readSequence(dir: string, now: () => Date): Promise<number> {
  let text: string
  try {
    text = await readFile(join(dir, SEQUENCE_FILE), 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0
    return now().getTime()
  }
  try {
    const seq = (JSON.parse(text) as { seq?: unknown }).seq
    if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0) return seq
  } catch {
    // Damaged: as unreadable.
  }
  return now().getTime()
}

export function writeSequence(dir: string, seq: number): Promise<void> {
  return writeDurably(join(dir, SEQUENCE_FILE), `${JSON.stringify({ seq })}\n`)
}
