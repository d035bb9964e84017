import { appendFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { SYNC_LOG_FILE, teamFolder } from './team-state'

/**
 * The sync log the user can open (`team/sync-log.txt` in the library folder): one line per thing
 * sync did that the user might look for, in their language: a document skipped and why, a
 * deletion overridden by an edit, a conflict merged with both versions kept, a version that lost.
 * Nothing is dropped without a line here. Appended, never rewritten; never holds the password.
 */
export class SyncLog {
  readonly file: string
  readonly #dir: string
  #queue: Promise<void> = Promise.resolve()
  readonly lines: string[] = []

  constructor(libraryDir: string) {
    this.#dir = teamFolder(libraryDir)
    this.file = join(this.#dir, SYNC_LOG_FILE)
  }

  /** Appends one line (the time, then the text with line breaks flattened). */
  write(text: string, now = new Date()): Promise<void> {
    const line = `${now.toISOString()}  ${text.replace(/[\r\n]+/g, ' ')}`
    this.lines.push(line)
    this.#queue = this.#queue.then(async () => {
      await mkdir(this.#dir, { recursive: true })
      await appendFile(this.file, `${line}\n`, { mode: 0o600 })
    })
    return this.#queue
  }

  flush(): Promise<void> {
    return this.#queue
  }
}
