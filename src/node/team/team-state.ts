import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { DurableJsonFile, writeDurably } from '../store/durable-json-file'

/**
 * What a library remembers about its team (docs/team.md#state), in `team/state.json` of the
 * library folder, written durably (temp file, fsync, rename, folder fsync). Never the password.
 *
 * `known` maps each document id to the revision and content hash this library last agreed on
 * with the server: a local record whose hash differs is a pending change (so the pending set is
 * derived from the library itself and can never be lost by a crash), and a remote revision that
 * differs is news. The revision is also the merge base: CouchDB keeps earlier revisions' bodies
 * until compaction, so a three-way merge fetches the base by its revision.
 */
export const TEAM_FOLDER = 'team'
export const TEAM_STATE_FILE = 'state.json'
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
  /** Document id → [revision, content hash, author] last agreed with the server. */
  known: v.record(v.string(), KnownSchema),
  /** Documents skipped as hostile or malformed (id → reason), so status can name them. */
  skipped: v.record(v.string(), v.pipe(v.string(), v.maxLength(500))),
  /** Conflicts merged with both versions kept and flagged, waiting for the user to look (doc id → fields). */
  conflicts: v.record(v.string(), v.array(v.string())),
})
export type TeamState = v.InferOutput<typeof TeamStateSchema>

export function teamFolder(libraryDir: string): string {
  return join(libraryDir, TEAM_FOLDER)
}

function stateFile(libraryDir: string): DurableJsonFile<TeamState> {
  return new DurableJsonFile(join(teamFolder(libraryDir), TEAM_STATE_FILE), TeamStateSchema)
}

/** The library's team state, or null when it is not connected to a team. */
export function readTeamState(libraryDir: string): Promise<TeamState | null> {
  return stateFile(libraryDir).read()
}

/** Writes of one state file, one after the other (a later write must not be overtaken by an earlier one). */
const writing = new Map<string, Promise<void>>()

/**
 * Writes the state durably. A team of a large library agrees on a hundred thousand documents, so
 * the file is several MB: it is serialised in slices (entries of `known` a few thousand at a
 * time, the event loop getting a turn between them) and written in pieces, never as one string
 * built in one go. What is written is what `readTeamState` validates.
 */
export async function writeTeamState(libraryDir: string, state: TeamState): Promise<void> {
  const file = join(teamFolder(libraryDir), TEAM_STATE_FILE)
  const previous = writing.get(file) ?? Promise.resolve()
  const next = previous.then(async () => {
    await mkdir(teamFolder(libraryDir), { recursive: true })
    await writeDurably(file, await statePieces(state))
  })
  const settled = next.catch(() => undefined)
  writing.set(file, settled)
  void settled.then(() => {
    if (writing.get(file) === settled) writing.delete(file)
  })
  return next
}

/** Entries of `known` serialised between two turns of the event loop. */
const ENTRIES_PER_SLICE = 4000

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
  for (const docId in known) {
    chunk.push(`${JSON.stringify(docId)}:${JSON.stringify(known[docId])}`)
    if (chunk.length >= ENTRIES_PER_SLICE) {
      emit()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  emit()
  pieces.push(Buffer.from('}}\n'))
  return pieces
}

/** Forgets the team: state gone (the sync log stays for the user to read). */
export async function removeTeamState(libraryDir: string): Promise<void> {
  await rm(join(teamFolder(libraryDir), TEAM_STATE_FILE), { force: true })
}

export function newTeamState(fields: { server: string; db: string; user: string; ca: string | null }): TeamState {
  return { schemaVersion: 1, ...fields, since: '0', lastSync: null, known: {}, skipped: {}, conflicts: {} }
}
