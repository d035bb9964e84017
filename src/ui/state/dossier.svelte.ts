import type { ApiClient } from '../../common/api'
import type { StoredPersonDecision } from '../../common/dossier/decision-schema'
import type { PersonDetail, PersonRow, TimelineFilter, TimelineRow } from '../../common/dossier/library-view'
import type { ErrorInfo } from '../../common/errors'
import { errorInfoOf } from './notices.svelte'

/**
 * The People view's state: the library's people (decisions applied, hidden ones flagged), the
 * one selected with its mentions, and the decisions the user makes. Each load takes a ticket; a
 * late answer for an older ticket is ignored.
 */
export class PeopleState {
  readonly #api: ApiClient
  #people = $state.raw<readonly PersonRow[]>([])
  #loaded = $state(false)
  #error = $state.raw<ErrorInfo | null>(null)
  #selected = $state.raw<PersonDetail | null>(null)
  #ticket = 0

  constructor(api: ApiClient) {
    this.#api = api
  }

  get people(): readonly PersonRow[] {
    return this.#people
  }
  get loaded(): boolean {
    return this.#loaded
  }
  get error(): ErrorInfo | null {
    return this.#error
  }
  get selected(): PersonDetail | null {
    return this.#selected
  }

  async load(): Promise<void> {
    const ticket = ++this.#ticket
    try {
      const { people } = await this.#api.dossierPeople()
      if (ticket !== this.#ticket) return
      this.#people = people
      this.#error = null
    } catch (error) {
      if (ticket === this.#ticket) this.#error = errorInfoOf(error)
    } finally {
      if (ticket === this.#ticket) this.#loaded = true
    }
  }

  async select(key: string): Promise<void> {
    try {
      this.#selected = await this.#api.dossierPerson({ key })
    } catch (error) {
      this.#error = errorInfoOf(error)
    }
  }

  /** Records a decision, then shows the list and the person as they now are. */
  async decide(decision: StoredPersonDecision): Promise<PersonRow | null> {
    try {
      const row = await this.#api.decidePerson(decision)
      await Promise.all([this.load(), this.select(row.key)])
      return row
    } catch (error) {
      this.#error = errorInfoOf(error)
      return null
    }
  }

  dismissError(): void {
    this.#error = null
  }
}

/** How many timeline entries one page brings (the first paint shows the first page). */
export const TIMELINE_PAGE = 200

/** The Timeline view's state: the filter, the entries shown, how many match. */
export class TimelineState {
  readonly #api: ApiClient
  #filter = $state.raw<TimelineFilter>({})
  #entries = $state.raw<readonly TimelineRow[]>([])
  #total = $state(0)
  #countries = $state.raw<readonly string[]>([])
  #loaded = $state(false)
  #error = $state.raw<ErrorInfo | null>(null)
  #ticket = 0

  constructor(api: ApiClient) {
    this.#api = api
  }

  get filter(): TimelineFilter {
    return this.#filter
  }
  get entries(): readonly TimelineRow[] {
    return this.#entries
  }
  get total(): number {
    return this.#total
  }
  get countries(): readonly string[] {
    return this.#countries
  }
  get loaded(): boolean {
    return this.#loaded
  }
  get error(): ErrorInfo | null {
    return this.#error
  }

  setFilter(filter: TimelineFilter): Promise<void> {
    this.#filter = filter
    return this.load()
  }

  /** The first page for the current filter. */
  async load(): Promise<void> {
    const ticket = ++this.#ticket
    try {
      const page = await this.#api.dossierTimeline({ ...this.#query(), offset: 0, limit: TIMELINE_PAGE })
      if (ticket !== this.#ticket) return
      this.#entries = page.entries
      this.#total = page.total
      this.#countries = page.countries
      this.#error = null
    } catch (error) {
      if (ticket === this.#ticket) this.#error = errorInfoOf(error)
    } finally {
      if (ticket === this.#ticket) this.#loaded = true
    }
  }

  async more(): Promise<void> {
    const ticket = ++this.#ticket
    try {
      const page = await this.#api.dossierTimeline({ ...this.#query(), offset: this.#entries.length, limit: TIMELINE_PAGE })
      if (ticket !== this.#ticket) return
      this.#entries = [...this.#entries, ...page.entries]
      this.#total = page.total
    } catch (error) {
      if (ticket === this.#ticket) this.#error = errorInfoOf(error)
    }
  }

  #query(): TimelineFilter {
    // Only the criteria given: the API's input schema is strict.
    return Object.fromEntries(Object.entries(this.#filter).filter(([, value]) => value !== undefined && value !== ''))
  }
}
