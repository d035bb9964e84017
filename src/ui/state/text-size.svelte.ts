import { READER_TEXT_SIZE_DEFAULT, READER_TEXT_SIZES, type ReaderTextSize } from '../../common/model/settings'

/**
 * The reader's text size. It is a library setting (settings.json, through the settings API), so
 * it survives a new browser profile and travels with a backup. One instance for the app: App
 * applies the saved size when settings arrive, the reader's buttons and keys change it.
 */
export class TextSize {
  readonly #save: (size: ReaderTextSize) => Promise<unknown>
  readonly #onError: (error: unknown) => void
  #index = $state(READER_TEXT_SIZES.indexOf(READER_TEXT_SIZE_DEFAULT))
  /** Once the user changed the size, a late answer from the settings no longer overrides it. */
  #changed = false

  /** `save` persists a size (updateSettings); `onError` reports a failed save. */
  constructor(save: (size: ReaderTextSize) => Promise<unknown>, onError: (error: unknown) => void) {
    this.#save = save
    this.#onError = onError
  }

  get pixels(): ReaderTextSize {
    return READER_TEXT_SIZES[this.#index] ?? READER_TEXT_SIZE_DEFAULT
  }
  get canGrow(): boolean {
    return this.#index < READER_TEXT_SIZES.length - 1
  }
  get canShrink(): boolean {
    return this.#index > 0
  }

  /** The size read from the settings (undefined: never set, the default). */
  applySaved(size: ReaderTextSize | undefined): void {
    if (this.#changed) return
    this.#index = READER_TEXT_SIZES.indexOf(size ?? READER_TEXT_SIZE_DEFAULT)
  }

  grow(): void {
    this.#set(this.#index + 1)
  }
  shrink(): void {
    this.#set(this.#index - 1)
  }
  reset(): void {
    this.#set(READER_TEXT_SIZES.indexOf(READER_TEXT_SIZE_DEFAULT))
  }

  #set(index: number): void {
    const next = Math.max(0, Math.min(READER_TEXT_SIZES.length - 1, index))
    this.#changed = true
    if (next === this.#index) return
    this.#index = next
    // The size applies at once; a failed save is reported, and the size still holds this session.
    this.#save(this.pixels).catch(this.#onError)
  }
}
