import type { RecoveryEvent } from '../../common/model/recovery'
import type { Loaded } from './stored-file'

/**
 * What every reader of a library file does with the four outcomes of StoredFile.load, written
 * once: take the data of a good file, report the repair of a restored one, and report a damaged
 * one as lost, naming what it held. Only the meaning of "missing" differs between callers: for an
 * annotations, settings or tags file it is the normal empty state, for an article the index lists
 * it is a loss.
 */
export interface LoadReport {
  /** What the file held, in RecoveryEvent.lost's words ("tags", "article:<id>", ...). */
  readonly lost: string
  readonly report: (event: RecoveryEvent) => void
  /** True when a missing file is itself a loss (reported with damage 'missing'). */
  readonly missingIsLoss?: boolean
}

export interface Settled<T> {
  /** The file's data, or null when there is none to use (missing, or lost). */
  readonly data: T | null
  /** True when the data was migrated from an older schema and should be written back. */
  readonly migrated: boolean
  /** The 'lost' event reported for this file, if any (so a caller can name the loss better). */
  readonly lostEvent: RecoveryEvent | null
}

export function settleLoad<T>(file: string, loaded: Loaded<T>, { lost, report, missingIsLoss = false }: LoadReport): Settled<T> {
  switch (loaded.status) {
    case 'ok':
      return { data: loaded.data, migrated: loaded.migratedFrom !== null, lostEvent: null }
    case 'restored':
      report(loaded.event)
      return { data: loaded.data, migrated: false, lostEvent: null }
    case 'missing':
      if (!missingIsLoss) return { data: null, migrated: false, lostEvent: null }
      return lose({ file, damage: 'missing', keptAs: '', outcome: 'lost', restoredFrom: null, lost }, report)
    case 'damaged':
      return lose({ file, damage: loaded.damage, keptAs: loaded.keptAs, outcome: 'lost', restoredFrom: null, lost }, report)
  }
}

function lose<T>(event: RecoveryEvent, report: (event: RecoveryEvent) => void): Settled<T> {
  report(event)
  return { data: null, migrated: false, lostEvent: event }
}
