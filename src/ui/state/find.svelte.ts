import { FindableText } from '../../common/highlights/find-matches'
import type { TextSpan } from '../../common/highlights/segments'

/** Find-in-article: the bar's query, the matches in the body text and the current one. */
export class FindState {
  readonly #text: () => string
  #open = $state(false)
  #query = $state('')
  #current = $state(0)

  // Folding the text once per article, not once per keystroke.
  readonly #findable = $derived(new FindableText(this.#textNow()))
  readonly matches: TextSpan[] = $derived(this.#findable.matches(this.#query))

  constructor(text: () => string) {
    this.#text = text
  }

  #textNow(): string {
    return this.#text()
  }

  get open(): boolean {
    return this.#open
  }
  get query(): string {
    return this.#query
  }
  set query(query: string) {
    this.#query = query
    this.#current = 0
  }
  /** The index of the current match, clamped to the matches there are. */
  get current(): number {
    return this.matches.length === 0 ? -1 : Math.min(this.#current, this.matches.length - 1)
  }
  get currentMatch(): TextSpan | null {
    return this.matches[this.current] ?? null
  }

  show(): void {
    this.#open = true
  }
  close(): void {
    this.#open = false
  }
  next(): void {
    if (this.matches.length > 0) this.#current = (this.current + 1) % this.matches.length
  }
  previous(): void {
    if (this.matches.length > 0) this.#current = (this.current - 1 + this.matches.length) % this.matches.length
  }
}
