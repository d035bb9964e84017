import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import * as v from 'valibot'
import { DurableJsonFile, isErrno, syncFolder, writeDurably } from '../store/durable-json-file'

/**
 * What a library remembers about its team (docs/team.md#state), in `team/state.json` of the
 * library folder, written durably (temp file, fsync, rename, folder fsync). Never the password.
 *
 * `known` maps each document id to the revision and content hash this library last agreed on
 * with the server: a local record whose hash differs is a pending change (so the pending set is
 * derived from the library itself and can never be lost by a crash), and a remote revision that
 * differs is news. The revision is also the merge base: CouchDB keeps earlier revisions' bodies
 * until compaction, so a three-way merge fetches the base by its revision.
 *
 * A large team agrees on a hundred thousand documents, so the state is a checkpoint
 * (`state.json`, the whole state) plus a log (`state.log`): a round appends one line with what it
 * changed (the checkpoint's header fields and the agreed entries it touched, durably: append,
 * fdatasync), and only when the log has grown past LOG_FOLD_BYTES is the whole state written
 * again as a new checkpoint and the log removed. Reading replays the log's lines over the
 * checkpoint, in order, up to the first line that is not whole and valid (a line cut short by a
 * crash): a state that ends a little early only means some documents are compared again. Each
 * checkpoint has a generation, and each line names the generation it follows: a log left by a
 * crash between writing a new checkpoint and removing the log is not replayed over it.
 */
export const TEAM_FOLDER = 'team'
export const TEAM_STATE_FILE = 'state.json'
export const TEAM_STATE_LOG = 'state.log'
/** The log is folded into a new checkpoint once it is this large. */
const LOG_FOLD_BYTES = 4 * 1024 * 1024
export const SYNC_LOG_FILE = 'sync-log.txt'

/** [revision, content hash or 'deleted' / 'skipped', author of the document]. */
const KnownSchema = v.tuple([v.pipe(v.string(), v.maxLength(200)), v.pipe(v.string(), v.maxLength(64)), v.pipe(v.string(), v.maxLength(200))])

export const TeamStateSchema = v.object({
  schemaVersion: v.literal(1),
  server: v.pipe(v.string(), v.maxLength(2000)),
  db: v.pipe(v.string(), v.maxLength(238)),
  user: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** PEM text of the certificate authority to trust (public data, copied so the file may move). */
  ca: v.nullable(v.pipe(v.string(), v.maxLength(100_000))),
  /** The server's `_changes` checkpoint: everything up to it is applied here (or skipped and logged). */
  since: v.string(),
  /**
   * The database's identity as the server gives it (`instance_start_time` and the sequence seen):
   * when the database was recreated or restored from an older backup, its sequence goes back, and
   * the checkpoint and agreed revisions start over (records are compared again; nothing is lost).
   */
  instance: v.optional(v.string()),
  /** When the last complete round ended (ISO), null before the first. */
  lastSync: v.nullable(v.string()),
  /**
   * Document id → [revision, content hash, author] last agreed with the server: a JSON object in the
   * file, a Map in memory. A hundred thousand keys of a plain object are a dictionary whose first
   * enumeration (for-in, Object.keys) collects and sorts every key in one go: ~15–30 ms of
   * main-thread CPU each time (a checkpoint, a pending count, "is anything agreed?"). A Map is
   * iterated lazily and knows its size.
   */
  known: v.pipe(
    v.record(v.string(), KnownSchema),
    v.transform((record) => new Map(Object.entries(record))),
  ),
  /** Documents skipped as hostile or malformed (id → reason), so status can name them. */
  skipped: v.record(v.string(), v.pipe(v.string(), v.maxLength(500))),
  /** Conflicts merged with both versions kept and flagged, waiting for the user to look (doc id → fields). */
  conflicts: v.record(v.string(), v.array(v.string())),
  /** Which log belongs to this checkpoint: lines of an earlier one (left by a crash while folding) are not replayed. */
  logGeneration: v.optional(v.number()),
})
export type TeamState = v.InferOutput<typeof TeamStateSchema>

/**
 * One line of the state's log: the header as it then was, the agreed entries that changed (null:
 * forgotten), and `skipped` / `conflicts` whole when they changed (both stay small).
 */
const StateDeltaSchema = v.object({
  /** The checkpoint's logGeneration the line was written after. */
  g: v.number(),
  since: v.string(),
  instance: v.optional(v.string()),
  lastSync: v.nullable(v.string()),
  known: v.record(v.string(), v.nullable(KnownSchema)),
  skipped: v.optional(TeamStateSchema.entries.skipped),
  conflicts: v.optional(TeamStateSchema.entries.conflicts),
})
export type TeamStateDelta = v.InferOutput<typeof StateDeltaSchema>

export function teamFolder(libraryDir: string): string {
  return join(libraryDir, TEAM_FOLDER)
}

function stateFile(libraryDir: string): DurableJsonFile<TeamState> {
  return new DurableJsonFile(join(teamFolder(libraryDir), TEAM_STATE_FILE), TeamStateSchema)
}

function logFile(libraryDir: string): string {
  return join(teamFolder(libraryDir), TEAM_STATE_LOG)
}

/** The library's team state (checkpoint and log), or null when it is not connected to a team. */
export async function readTeamState(libraryDir: string): Promise<TeamState | null> {
  const state = await stateFile(libraryDir).read()
  if (state === null) return null
  let text: string
  try {
    text = await readFile(logFile(libraryDir), 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return state
    throw error
  }
  const generation = state.logGeneration ?? 0
  generations.set(libraryDir, generation)
  let replayed = state
  for (const line of text.split('\n')) {
    if (line === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      break
    }
    const delta = v.safeParse(StateDeltaSchema, json)
    if (!delta.success) break
    if (delta.output.g !== generation) continue
    replayed = applyDelta(replayed, delta.output)
  }
  return replayed
}

function applyDelta(state: TeamState, delta: TeamStateDelta): TeamState {
  const { known: changed, skipped, conflicts, since, instance, lastSync, g: _generation } = delta
  const known = state.known
  for (const docId in changed) {
    const entry = changed[docId]
    if (entry === null || entry === undefined) known.delete(docId)
    else known.set(docId, entry)
  }
  return { ...state, since, lastSync, known, ...(instance === undefined ? {} : { instance }), ...(skipped === undefined ? {} : { skipped }), ...(conflicts === undefined ? {} : { conflicts }) }
}

/** Writes of one state file, one after the other (a later write must not be overtaken by an earlier one). */
const writing = new Map<string, Promise<void>>()

/**
 * Writes the state durably. A team of a large library agrees on a hundred thousand documents, so
 * the file is several MB: it is serialised in slices (entries of `known` a few thousand at a
 * time, the event loop getting a turn between them) and written in pieces, never as one string
 * built in one go. What is written is what `readTeamState` validates.
 */
export function writeTeamState(libraryDir: string, state: TeamState): Promise<void> {
  return inTurn(libraryDir, () => writeCheckpoint(libraryDir, state))
}

/** The whole state as a new checkpoint; the log it contains is then removed. */
async function writeCheckpoint(libraryDir: string, state: TeamState): Promise<void> {
  await mkdir(teamFolder(libraryDir), { recursive: true })
  const generation = Math.max(generations.get(libraryDir) ?? 0, state.logGeneration ?? 0) + 1
  await writeDurably(join(teamFolder(libraryDir), TEAM_STATE_FILE), await statePieces({ ...state, logGeneration: generation }))
  generations.set(libraryDir, generation)
  await rm(logFile(libraryDir), { force: true })
}

/** The generation of each library's checkpoint, as last read or written here (log lines name it). */
const generations = new Map<string, number>()

/**
 * Appends what changed to the state's log, durably; when the log has grown past its bound, writes
 * `state` (which includes the change) as a new checkpoint instead.
 */
export function appendTeamState(libraryDir: string, state: TeamState, delta: Omit<TeamStateDelta, 'g'>): Promise<void> {
  return inTurn(libraryDir, async () => {
    // No checkpoint read or written by this process yet: the log starts with one.
    const generation = generations.get(libraryDir)
    if (generation === undefined) return writeCheckpoint(libraryDir, state)
    const file = logFile(libraryDir)
    const handle = await open(file, 'a', 0o600)
    let size: number
    try {
      const before = (await handle.stat()).size
      const line = Buffer.from(`${JSON.stringify({ g: generation, ...delta })}\n`)
      await handle.write(line, 0, line.length)
      await handle.datasync()
      size = before + line.length
      // A new log is a new name in the folder: the folder is synced for it to survive a crash.
      if (before === 0) await syncFolder(teamFolder(libraryDir))
    } finally {
      await handle.close()
    }
    if (size > LOG_FOLD_BYTES) await writeCheckpoint(libraryDir, state)
  })
}

/** Writes of one library's state, one after the other (a later write must not be overtaken by an earlier one). */
function inTurn(libraryDir: string, task: () => Promise<void>): Promise<void> {
  const file = join(teamFolder(libraryDir), TEAM_STATE_FILE)
  const previous = writing.get(file) ?? Promise.resolve()
  const next = previous.then(task)
  const settled = next.catch(() => undefined)
  writing.set(file, settled)
  void settled.then(() => {
    if (writing.get(file) === settled) writing.delete(file)
  })
  return next
}

/**
 * Entries of `known` serialised into one piece (about 120 bytes each), and how long the main
 * thread serialises before giving the event loop a turn (4,000 entries between turns held it
 * 5–9 ms on a loaded machine).
 */
const ENTRIES_PER_SLICE = 500
const SLICE_MS = 3

async function statePieces(state: TeamState): Promise<Buffer[]> {
  const { known, ...rest } = state
  const head = JSON.stringify(rest)
  const pieces: Buffer[] = [Buffer.from(`${head.slice(0, -1)},"known":{`)]
  let chunk: string[] = []
  let first = true
  const emit = () => {
    if (chunk.length === 0) return
    pieces.push(Buffer.from(`${first ? '' : ','}${chunk.join(',')}`))
    first = false
    chunk = []
  }
  let sliceStart = performance.now()
  for (const [docId, entry] of known) {
    chunk.push(`${JSON.stringify(docId)}:${JSON.stringify(entry)}`)
    if (chunk.length >= ENTRIES_PER_SLICE) {
      emit()
      // A turn of the event loop once a slice's time is spent (a checkpoint is up to a hundred thousand entries).
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn()
        sliceStart = performance.now()
      }
    }
  }
  emit()
  pieces.push(Buffer.from('}}\n'))
  return pieces
}

/** Forgets the team: state gone (the sync log stays for the user to read). */
export async function removeTeamState(libraryDir: string): Promise<void> {
  await inTurn(libraryDir, async () => {
    await rm(join(teamFolder(libraryDir), TEAM_STATE_FILE), { force: true })
    await rm(logFile(libraryDir), { force: true })
    generations.delete(libraryDir)
  })
}

export function newTeamState(fields: { server: string; db: string; user: string; ca: string | null }): TeamState {
  return { schemaVersion: 1, ...fields, since: '0', lastSync: null, known: new Map(), skipped: {}, conflicts: {} }
}
