import { readFile, rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import * as v from 'valibot'
import type { DamageKind, RecoveryEvent } from '../../common/model/recovery'
import { classifyDamage } from './damage'
import { isErrno } from './durable-json-file'
import { IndexDeltaSchema, type IndexDelta } from './index-log'
import { fileKindOf, SCHEMA_VERSION } from './library-files'
import { mapLimit } from './map-limit'
import { mirrorPathOf, removeBothCopies, syncBothFolders, writeBothCopies } from './second-copy'
import type { ReadIndex } from './read-index-bytes'
import { indexJsonPieces } from './validated-file-bytes'

/**
 * Changes that span several files (merging a tag touches every annotation file that uses it,
 * deleting an article touches the index, its body and its annotations) are first written as one
 * journal entry, durably, and only then applied. A crash while applying leaves the journal in
 * place and the next open applies it again; a crash while writing the journal leaves no journal
 * (only a temp file, never renamed) and nothing applied. So such a change happens entirely or not at all.
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
  /**
   * The index change, appended to library.log after the writes and before the deletes. (A journal
   * written before the log held the whole index under `writes` instead; it is still replayed.)
   */
  index: v.optional(IndexDeltaSchema),
  deletes: v.array(RelativePathSchema),
})
export type Journal = v.InferOutput<typeof JournalSchema>

export interface JournalApplier {
  /**
   * Writes one file through its StoredFile (validated, generation kept). With `syncFolder: false`
   * the rename is made durable by the caller's fsync of the file's folders (see writeJournalFiles).
   */
  write(path: string, data: unknown, options?: { syncFolder?: boolean }): Promise<void>
  /** Appends the index change to the index's log (index-database.ts). */
  index(delta: IndexDelta): Promise<void>
  delete(path: string): Promise<void>
}

/** Written with its second copy (mirror/journal.json) like every library file: one damaged copy never loses the change. */
export async function commitJournal(dir: string, journal: Journal, applier: JournalApplier, readIndex: ReadIndex | null = null): Promise<void> {
  await writeBothCopies(dir, JOURNAL_FILE, journalPieces(journal, readIndex))
  await applyJournal(dir, journal, applier)
}

/** `JSON.stringify(journal)` in UTF-8, as one buffer (see journalPieces). */
export function journalBytes(journal: Journal, readIndex: ReadIndex | null = null): Buffer {
  return Buffer.concat(journalPieces(journal, readIndex))
}

/**
 * `JSON.stringify(journal)` in UTF-8, as pieces for a gathering write. An edit or a deletion puts
 * the whole index in the journal: serialised whole, that was most of its cost in a big library,
 * so the index reuses the bytes of the summaries already written or read (validated-file-bytes.ts)
 * where they lie, never joined into one buffer, and the rest is JSON.stringify's own.
 */
export function journalPieces(journal: Journal, readIndex: ReadIndex | null = null): Buffer[] {
  const { schemaVersion, writes, index, deletes, ...rest } = journal
  // A field added to the journal must be written here too: this stops the build until it is.
  rest satisfies Record<string, never>
  const pieces: Buffer[] = [Buffer.from(`{"schemaVersion":${JSON.stringify(schemaVersion)},"writes":[`, 'utf8')]
  writes.forEach(({ path, data }, i) => {
    // JSON.stringify leaves out a field it cannot write (undefined data); so does this.
    const dataPieces = fileKindOf(path) === 'index' ? indexJsonPieces(data, readIndex) : textBytes(JSON.stringify(data) as string | undefined)
    pieces.push(Buffer.from(`${i > 0 ? ',' : ''}{"path":${JSON.stringify(path)}${dataPieces === null ? '' : ',"data":'}`, 'utf8'))
    if (dataPieces !== null) pieces.push(...dataPieces)
    pieces.push(Buffer.from('}', 'utf8'))
  })
  pieces.push(Buffer.from(`]${index === undefined ? '' : `,"index":${JSON.stringify(index)}`},"deletes":${JSON.stringify(deletes)}}`, 'utf8'))
  return pieces
}

function textBytes(text: string | undefined): Buffer[] | null {
  return text === undefined ? null : [Buffer.from(text, 'utf8')]
}

async function applyJournal(dir: string, journal: Journal, applier: JournalApplier): Promise<void> {
  await writeJournalFiles(dir, journal.writes, applier)
  if (journal.index !== undefined) await applier.index(journal.index)
  for (const path of journal.deletes) await applier.delete(path)
  // Applying again is harmless (see above), so the order of these two does not matter.
  await removeBothCopies(dir, JOURNAL_FILE)
}

/** How many of a journal's files are written at once: their fsyncs overlap (a team sync's group touches dozens). */
const WRITES_IN_FLIGHT = 8

/**
 * Writes a journal's files side by side, each durably (temp file, fsync, rename) but without an
 * fsync of its folder each, then fsyncs each folder they went into (and its second copy's) once.
 * Safe because the journal is durable before the first write and removed only after this
 * resolves: a crash before the folders are synced leaves the journal, whose replay writes every
 * file again (a rename that was lost, a copy written before its file: all rewritten). Each path
 * appears once in a journal (journalOf); were one to appear twice, its writes keep their order.
 */
export async function writeJournalFiles(dir: string, writes: Journal['writes'], applier: Pick<JournalApplier, 'write'>): Promise<void> {
  const byPath = new Map<string, unknown[]>()
  for (const { path, data } of writes) byPath.set(path, [...(byPath.get(path) ?? []), data])
  await mapLimit([...byPath], WRITES_IN_FLIGHT, async ([path, versions]) => {
    for (const data of versions) await applier.write(path, data, { syncFolder: false })
  })
  const folders = new Set([...byPath.keys()].map((path) => dirname(path)))
  await Promise.all([...folders].map((folder) => syncBothFolders(dir, folder)))
}

/** Removes the journal once a replay's index change is applied (see replayJournal). */
export function finishJournal(dir: string): Promise<void> {
  return removeBothCopies(dir, JOURNAL_FILE)
}

export interface Replayed {
  readonly events: RecoveryEvent[]
  /**
   * The replayed journal's index change, not yet applied: the index's log is read and mended when
   * the index loads, and the change is appended then. The journal stays on disk until it is
   * (finishJournal), so a crash before that replays it again.
   */
  readonly pendingIndex: IndexDelta | null
}

/**
 * At open: finishes a change that a crash interrupted, from the journal or, when that is damaged,
 * from its second copy. A journal on disk was never acknowledged (a change is acknowledged after
 * it is applied and the journal removed), so one that neither copy can give is not a loss of
 * anything saved; its bytes are still kept aside and reported. Returns what was repaired.
 */
export async function replayJournal(dir: string, applier: Omit<JournalApplier, 'index'>, now: () => Date): Promise<Replayed> {
  const primary = await readJournal(join(dir, JOURNAL_FILE))
  const copy = await readJournal(join(dir, mirrorPathOf(JOURNAL_FILE)))
  const journal = primary.status === 'ok' ? primary.journal : copy.status === 'ok' ? copy.journal : null
  const events: RecoveryEvent[] = []
  if (primary.status === 'damaged') {
    const keptAs = await keepAside(dir, JOURNAL_FILE, now)
    events.push(
      journal === null
        ? { file: JOURNAL_FILE, damage: primary.damage, keptAs, outcome: 'lost', restoredFrom: null, lost: 'journal' }
        : { file: JOURNAL_FILE, damage: primary.damage, keptAs, outcome: 'copy', restoredFrom: null, lost: null },
    )
  }
  if (copy.status === 'damaged') await keepAside(dir, mirrorPathOf(JOURNAL_FILE), now)
  if (journal === null) {
    await removeBothCopies(dir, JOURNAL_FILE)
    return { events, pendingIndex: null }
  }
  if (journal.index === undefined) {
    await applyJournal(dir, journal, { ...applier, index: async () => undefined })
    return { events, pendingIndex: null }
  }
  await writeJournalFiles(dir, journal.writes, applier)
  for (const path of journal.deletes) await applier.delete(path)
  return { events, pendingIndex: journal.index }
}

type JournalReading = { status: 'missing' } | { status: 'ok'; journal: Journal } | { status: 'damaged'; damage: DamageKind }

async function readJournal(path: string): Promise<JournalReading> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { status: 'missing' }
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    return { status: 'damaged', damage: classifyDamage(bytes, error) }
  }
  const parsed = v.safeParse(JournalSchema, json)
  return parsed.success ? { status: 'ok', journal: parsed.output } : { status: 'damaged', damage: classifyDamage(bytes, null) }
}

async function keepAside(dir: string, relativePath: string, now: () => Date): Promise<string> {
  const keptAs = `${relativePath}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
  await rename(join(dir, relativePath), join(dir, keptAs))
  return keptAs
}
