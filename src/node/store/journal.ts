import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { isErrno, writeDurably } from './durable-json-file'
import { fileKindOf, SCHEMA_VERSION } from './library-files'
import { indexJsonBytes } from './validated-file-bytes'

/**
 * Changes that span several files (merging a tag touches every annotation file that uses it,
 * deleting an article touches the index, its body and its annotations) are first written as one
 * journal entry, durably, and only then applied. A crash while applying leaves the journal in
 * place and the next open applies it again; a crash while writing the journal leaves an invalid
 * or missing journal and nothing applied. So such a change happens entirely or not at all.
 * Applying is idempotent: each write sets a file to a given content, each delete removes it.
 */
export const JOURNAL_FILE = 'journal.json'

const RelativePathSchema = v.pipe(
  v.string(),
  v.check((path) => fileKindOf(path) !== null, 'a library file path'),
)

export const JournalSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  writes: v.array(v.object({ path: RelativePathSchema, data: v.unknown() })),
  deletes: v.array(RelativePathSchema),
})
export type Journal = v.InferOutput<typeof JournalSchema>

export interface JournalApplier {
  /** Writes one file through its StoredFile (validated, generation kept). */
  write(path: string, data: unknown): Promise<void>
  delete(path: string): Promise<void>
}

export async function commitJournal(dir: string, journal: Journal, applier: JournalApplier): Promise<void> {
  await writeDurably(join(dir, JOURNAL_FILE), journalBytes(journal))
  await applyJournal(dir, journal, applier)
}

/**
 * `JSON.stringify(journal)` in UTF-8. An edit or a deletion puts the whole index in the journal:
 * serialised whole, that was most of its cost in a big library, so the index reuses the bytes of
 * the summaries already written (validated-file-bytes.ts) and the rest is JSON.stringify's own.
 */
export function journalBytes(journal: Journal): Buffer {
  const { schemaVersion, writes, deletes, ...rest } = journal
  // A field added to the journal must be written here too: this stops the build until it is.
  rest satisfies Record<string, never>
  const pieces: Buffer[] = [Buffer.from(`{"schemaVersion":${JSON.stringify(schemaVersion)},"writes":[`, 'utf8')]
  writes.forEach(({ path, data }, i) => {
    // JSON.stringify leaves out a field it cannot write (undefined data); so does this.
    const dataBytes = fileKindOf(path) === 'index' ? indexJsonBytes(data) : textBytes(JSON.stringify(data) as string | undefined)
    pieces.push(Buffer.from(`${i > 0 ? ',' : ''}{"path":${JSON.stringify(path)}${dataBytes === null ? '' : ',"data":'}`, 'utf8'))
    if (dataBytes !== null) pieces.push(dataBytes)
    pieces.push(Buffer.from('}', 'utf8'))
  })
  pieces.push(Buffer.from(`],"deletes":${JSON.stringify(deletes)}}`, 'utf8'))
  return Buffer.concat(pieces)
}

function textBytes(text: string | undefined): Buffer | null {
  return text === undefined ? null : Buffer.from(text, 'utf8')
}

async function applyJournal(dir: string, journal: Journal, applier: JournalApplier): Promise<void> {
  for (const { path, data } of journal.writes) await applier.write(path, data)
  for (const path of journal.deletes) await applier.delete(path)
  await rm(join(dir, JOURNAL_FILE), { force: true })
}

/** At open: finishes a change that a crash interrupted. Returns true when one was replayed. */
export async function replayJournal(dir: string, applier: JournalApplier): Promise<boolean> {
  let text: string
  try {
    text = await readFile(join(dir, JOURNAL_FILE), 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
  const journal = parseJournal(text)
  if (journal === null) {
    // The crash happened while the journal itself was written: nothing was applied yet.
    await rm(join(dir, JOURNAL_FILE), { force: true })
    return false
  }
  await applyJournal(dir, journal, applier)
  return true
}

function parseJournal(text: string): Journal | null {
  try {
    const parsed = v.safeParse(JournalSchema, JSON.parse(text))
    return parsed.success ? parsed.output : null
  } catch {
    return null
  }
}
