import type { ApiClient } from '../../common/api'
import type { StoredPersonDecision } from '../../common/dossier/decision-schema'
import type { PersonDetail, PersonListRow, PersonRow, TimelineFilter, TimelineRow } from '../../common/dossier/library-view'
import type { LibraryChange } from '../../common/model/library-change'
import type { ErrorInfo } from '../../common/errors'
import { errorInfoOf } from './notices.svelte'
import { appendNew } from '../lib/append-new'

/** How many people one page of the People list brings (the first paint shows the first page). */
export const PEOPLE_PAGE = 200

/** How many matches the merge picker offers for the words typed. */
const MERGE_CHOICES = 50

/** True when `change` may have changed who the dossier finds or how the user decided about them. */
export function touchesPeople(change: LibraryChange): boolean {
  return change.everything || change.settings || change.articles.length > 0 || change.deletedArticles.length > 0
}

/**
 * The People view's state: a page of the library's people as light rows (decisions applied,
 * hidden ones flagged and listed when asked), the names searched for, the one person selected with
 * its mentions (fetched when opened), and the decisions the user makes. The list is paged by the
 * service (`dossierPeoplePage`): at 10,000 articles the whole list is thousands of rows, of which
 * a screen shows a few dozen. Each load takes a ticket; a late answer for an older ticket is ignored.
 */
export class PeopleState {
  readonly #api: ApiClient
  #people = $state.raw<readonly PersonListRow[]>([])
  #total = $state(0)
  #hiddenCount = $state(0)
  #query = $state('')
  #showHidden = $state(false)
  #loaded = $state(false)
  #error = $state.raw<ErrorInfo | null>(null)
  #selected = $state.raw<PersonDetail | null>(null)
  #ticket = 0
  #selectTicket = 0
  /** The person last asked for (the one shown once its details arrive). */
  #wanted: string | null = null

  constructor(api: ApiClient) {
    this.#api = api
  }

  /** The rows loaded so far (the first pages of the people matching the search). */
  get people(): readonly PersonListRow[] {
    return this.#people
  }
  /** How many people match the search (all pages). */
  get total(): number {
    return this.#total
  }
  /** How many people the user hid, in the whole library. */
  get hiddenCount(): number {
    return this.#hiddenCount
  }
  get query(): string {
    return this.#query
  }
  get showHidden(): boolean {
    return this.#showHidden
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

  /** Lists the people whose names contain these words (any variant, without case or diacritics). */
  search(query: string): Promise<void> {
    this.#query = query
    return this.load()
  }

  setShowHidden(show: boolean): Promise<void> {
    this.#showHidden = show
    return this.load()
  }

  /**
   * The first page for the current search, or as many rows as are listed now (`keepLength`:
   * after a decision or a change of the library, the list the user scrolled stays as long).
   */
  async load(keepLength = false): Promise<void> {
    const ticket = ++this.#ticket
    const limit = keepLength ? Math.max(PEOPLE_PAGE, this.#people.length) : PEOPLE_PAGE
    try {
      const page = await this.#api.dossierPeoplePage({ ...this.#criteria(), offset: 0, limit })
      if (ticket !== this.#ticket) return
      this.#people = page.people
      this.#total = page.total
      this.#hiddenCount = page.hiddenCount
      this.#error = null
    } catch (error) {
      if (ticket === this.#ticket) this.#error = errorInfoOf(error)
    } finally {
      if (ticket === this.#ticket) this.#loaded = true
    }
  }

  /**
   * The next page, after the rows listed. If the order changed since the rows were fetched (a
   * change whose feed event is not handled yet), the page may repeat people already listed: those
   * are skipped, since the list is keyed by person (the reload the change brings puts them right).
   */
  async more(): Promise<void> {
    const ticket = ++this.#ticket
    try {
      const page = await this.#api.dossierPeoplePage({ ...this.#criteria(), offset: this.#people.length, limit: PEOPLE_PAGE })
      if (ticket !== this.#ticket) return
      this.#people = appendNew(this.#people, page.people)
      this.#total = page.total
      this.#hiddenCount = page.hiddenCount
    } catch (error) {
      if (ticket === this.#ticket) this.#error = errorInfoOf(error)
    }
  }

  /** Opens a person: its details and every mention, fetched now. */
  async select(key: string): Promise<void> {
    const ticket = ++this.#selectTicket
    this.#wanted = key
    try {
      const person = await this.#api.dossierPerson({ key })
      if (ticket === this.#selectTicket) this.#selected = person
    } catch (error) {
      if (ticket === this.#selectTicket) this.#error = errorInfoOf(error)
    }
  }

  /** People other than `key` whose names contain the words typed, for the merge picker. */
  async mergeChoices(query: string, key: string): Promise<readonly PersonListRow[]> {
    const page = await this.#api.dossierPeoplePage({ query, hidden: true, limit: MERGE_CHOICES + 1 })
    return page.people.filter((row) => row.key !== key).slice(0, MERGE_CHOICES)
  }

  /** Records a decision, then shows the list and the person as they now are. */
  async decide(decision: StoredPersonDecision): Promise<PersonRow | null> {
    try {
      const row = await this.#api.decidePerson(decision)
      await Promise.all([this.load(true), this.select(row.key)])
      return row
    } catch (error) {
      this.#error = errorInfoOf(error)
      return null
    }
  }

  /**
   * Follows the library's change feed: an import, an edit, a deletion, a restore or a decision
   * (made here, by a team member, or undone: decisions live in the settings) lists the people
   * again, and the person open is read again; one no longer found is closed.
   */
  followChange(change: LibraryChange): void {
    if (!touchesPeople(change)) return
    void this.load(true)
    // The person last asked for, not the one shown: a decision's own change may arrive before the
    // details it asked for (a split, a merge), which must not be replaced by the person before it.
    const key = this.#wanted
    if (key === null) return
    const ticket = ++this.#selectTicket
    this.#api.dossierPerson({ key }).then(
      (person) => {
        if (ticket === this.#selectTicket) this.#selected = person
      },
      () => {
        if (ticket === this.#selectTicket) {
          this.#selected = null
          this.#wanted = null
        }
      },
    )
  }

  dismissError(): void {
    this.#error = null
  }

  #criteria(): { query?: string; hidden?: boolean } {
    // Only the criteria given: the API's input schema is strict.
    const query = this.#query.trim()
    return { ...(query === '' ? {} : { query }), ...(this.#showHidden ? { hidden: true } : {}) }
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
