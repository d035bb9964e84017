import { AppError } from '../../common/errors'
import { SCHEMA_VERSION, type FileKind } from './library-files'

/**
 * Ordered, pure migrations from each older format to the next. `steps[kind][n]` turns a file of
 * version n+1 into version n+2; a file is migrated by running every step from its version up to
 * SCHEMA_VERSION. Each step gets and returns plain JSON and never touches the disk: the store
 * backs the files up before it writes migrated data back.
 *
 * History
 *   1 → 2  the index gains `libraryId` and `createdAt`; settings gain `markings`;
 *          annotation, tag and brief files appear (new in version 2, nothing to migrate);
 *          a user's template file (version 1: the bare template with its own `schemaVersion: 1`)
 *          becomes `{ schemaVersion: 2, template }`.
 */
export type Json = Record<string, unknown>
type Step = (file: Json, context: MigrationContext) => Json

/** Values a step may need that a pure function cannot make up itself. */
export interface MigrationContext {
  readonly now: Date
  /** 32 random hex digits, for ids created during migration. */
  readonly randomHex32: () => string
}

const bump = (file: Json, to: number): Json => ({ ...file, schemaVersion: to })

export const MIGRATION_STEPS: Record<FileKind, readonly Step[]> = {
  index: [(file, { now, randomHex32 }) => ({ ...bump(file, 2), libraryId: randomHex32(), createdAt: now.toISOString() })],
  article: [(file) => bump(file, 2)],
  settings: [(file) => ({ ...bump(file, 2), settings: { ...(file['settings'] as Json), markings: [] } })],
  annotations: [(file) => bump(file, 2)],
  tags: [(file) => bump(file, 2)],
  brief: [(file) => bump(file, 2)],
  // Version 1 is the bare template the app wrote outside the store; the store's file wraps it.
  template: [(file) => ({ schemaVersion: 2, template: file })],
}

export interface Migrated {
  readonly file: Json
  readonly fromVersion: number
}

/**
 * Brings a parsed file to SCHEMA_VERSION. Throws AppError 'library.newerVersion' for a file from
 * a newer app (never downgrade or overwrite it) and 'library.invalid' when there is no version.
 */
export function migrate(kind: FileKind, file: Json, path: string, context: MigrationContext): Migrated {
  const fromVersion = file['schemaVersion']
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new AppError('library.invalid', { file: path, reason: 'schemaVersion is missing' })
  }
  if (fromVersion > SCHEMA_VERSION) {
    throw new AppError('library.newerVersion', { file: path, found: fromVersion, supported: SCHEMA_VERSION })
  }
  let current = file
  for (let version = fromVersion; version < SCHEMA_VERSION; version++) {
    const step = MIGRATION_STEPS[kind][version - 1]
    if (step === undefined) throw new Error(`No migration for ${kind} files from version ${version}`)
    current = step(current, context)
  }
  return { file: current, fromVersion }
}
