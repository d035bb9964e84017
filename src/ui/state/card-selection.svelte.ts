import { SvelteSet } from 'svelte/reactivity'

/**
 * A multiple selection over a list of cards, the way desktop lists behave: a click toggles one
 * card and sets the anchor, Shift+click adds every card between the anchor and the clicked one,
 * select-all takes every card shown. The caller passes the cards shown, in order, each time, so
 * that a filter hides cards from the selection too (what is acted on is what is seen).
 */
export class CardSelection {
  readonly #ids = new SvelteSet<string>()
  #anchor: string | null = null

  has(id: string): boolean {
    return this.#ids.has(id)
  }

  /** The selected ids among `shown`, in its order. */
  within(shown: readonly string[]): string[] {
    return shown.filter((id) => this.#ids.has(id))
  }

  /** Toggles `id`; with `range`, selects everything from the anchor to `id` instead. */
  click(id: string, shown: readonly string[], range: boolean): void {
    const from = this.#anchor === null ? -1 : shown.indexOf(this.#anchor)
    const to = shown.indexOf(id)
    if (range && from !== -1 && to !== -1) {
      for (const each of shown.slice(Math.min(from, to), Math.max(from, to) + 1)) this.#ids.add(each)
    } else if (!this.#ids.delete(id)) {
      this.#ids.add(id)
    }
    this.#anchor = id
  }

  selectAll(shown: readonly string[]): void {
    this.#ids.clear()
    for (const id of shown) this.#ids.add(id)
    this.#anchor = shown[0] ?? null
  }

  clear(): void {
    this.#ids.clear()
    this.#anchor = null
  }
}
