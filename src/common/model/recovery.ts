/**
 * What opening the library had to repair. The store never hides a repair: the app shows these
 * to the user, the CLI prints them, and nothing is deleted (damaged files are kept aside).
 */
export type DamageKind = 'missing' | 'empty' | 'zero-filled' | 'truncated' | 'not-json' | 'invalid'

export interface RecoveryEvent {
  /** The damaged file, relative to the library folder. */
  readonly file: string
  readonly damage: DamageKind
  /** Where the damaged file was moved, relative to the library folder. */
  readonly keptAs: string
  /**
   * 'copy': restored from its second copy (mirror/), written with it: nothing is missing;
   * 'recopied': the damaged file was the second copy itself, written again from the file;
   * 'generation': restored from the newest valid earlier copy, saved at `restoredFrom`;
   * 'rebuilt': derived again from other files, nothing is missing;
   * 'lost': no valid copy existed; `lost` says what is missing.
   */
  readonly outcome: 'copy' | 'recopied' | 'generation' | 'rebuilt' | 'lost'
  readonly restoredFrom: string | null
  readonly lost: string | null
  /**
   * True when the library was opened read-only: the valid copy was read, but nothing was moved or
   * written (`keptAs` is empty); the next writable open repairs the file.
   */
  readonly readOnly?: boolean
}
