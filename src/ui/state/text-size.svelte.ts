/**
 * The reader's text size. Settings (src/common/model/settings.ts) have no field for it, so it is
 * kept in this window's localStorage: a per-machine preference, like a browser's zoom.
 */
export const TEXT_SIZES = [14, 16, 18, 20, 22, 24, 28] as const
const DEFAULT_INDEX = 2
const STORAGE_KEY = 'briefing-desk.reader.text-size'

function savedIndex(): number {
  try {
    const saved = Number(localStorage.getItem(STORAGE_KEY))
    const index = TEXT_SIZES.indexOf(saved as (typeof TEXT_SIZES)[number])
    return index === -1 ? DEFAULT_INDEX : index
  } catch {
    return DEFAULT_INDEX
  }
}

export class TextSize {
  #index = $state(savedIndex())

  get pixels(): number {
    return TEXT_SIZES[this.#index] ?? TEXT_SIZES[DEFAULT_INDEX]
  }
  get canGrow(): boolean {
    return this.#index < TEXT_SIZES.length - 1
  }
  get canShrink(): boolean {
    return this.#index > 0
  }

  grow(): void {
    this.#set(this.#index + 1)
  }
  shrink(): void {
    this.#set(this.#index - 1)
  }
  reset(): void {
    this.#set(DEFAULT_INDEX)
  }

  #set(index: number): void {
    this.#index = Math.max(0, Math.min(TEXT_SIZES.length - 1, index))
    try {
      localStorage.setItem(STORAGE_KEY, String(this.pixels))
    } catch {
      // Storage can be unavailable (a locked-down profile): the size still applies to this session.
    }
  }
}
