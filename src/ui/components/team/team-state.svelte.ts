import { getContext, setContext } from 'svelte'
import type { ApiClient } from '../../../common/api'
import type { TeamSyncView, TeamView } from '../../../common/team/team-view'
import { onTeamStatus } from '../../lib/app-events'

/**
 * The team library as the window sees it: the connection (from teamStatus, refreshed after each
 * call and each finished round) and the sync state pushed by the main process. The password is
 * sent once by `connect` and never kept here.
 */
export class TeamState {
  readonly #api: ApiClient
  #view = $state.raw<TeamView | null>(null)
  #sync = $state.raw<TeamSyncView>({ state: 'disconnected' })
  #dialogOpen = $state(false)
  /** Counts pushed states, so that a view fetched before a push does not bring back an older state. */
  #pushes = 0

  constructor(api: ApiClient) {
    this.#api = api
  }

  get view(): TeamView | null {
    return this.#view
  }

  get sync(): TeamSyncView {
    return this.#sync
  }

  get connected(): boolean {
    return this.#view?.connected === true
  }

  /** The team user of this library (to tell a colleague's highlight from one's own). */
  get user(): string | null {
    return this.#view?.user ?? null
  }

  get dialogOpen(): boolean {
    return this.#dialogOpen
  }

  openDialog(): void {
    this.#dialogOpen = true
    void this.refresh().catch(() => undefined)
  }

  closeDialog(): void {
    this.#dialogOpen = false
  }

  /**
   * Follows the pushed sync state. The connection's details are fetched again when the library
   * connects or disconnects, and after each round while the dialog is open (not after every round:
   * a connected window stays idle). Returns the unsubscribe.
   */
  follow(): () => void {
    return onTeamStatus((status) => {
      const wasConnected = this.#sync.state !== 'disconnected'
      this.#pushes++
      this.#sync = status
      const connectionChanged = wasConnected !== (status.state !== 'disconnected')
      if (connectionChanged || (this.#dialogOpen && status.state !== 'syncing')) void this.refresh().catch(() => undefined)
    })
  }

  async refresh(): Promise<void> {
    const pushes = this.#pushes
    const view = await this.#api.teamStatus()
    this.#view = view
    if (pushes === this.#pushes) this.#sync = view.sync
  }

  async connect(input: { server: string; db: string; user: string; password: string; ca: string | null }): Promise<void> {
    this.#accept(await this.#api.teamConnect(input))
  }

  async disconnect(): Promise<void> {
    this.#accept(await this.#api.teamDisconnect())
  }

  async resolve(docId: string, field: string, text: string | null): Promise<void> {
    this.#accept(await this.#api.teamResolveConflict({ docId, field, text }))
  }

  syncLog(): Promise<{ text: string; file: string }> {
    return this.#api.teamSyncLog()
  }

  #accept(view: TeamView): void {
    this.#view = view
    this.#sync = view.sync
  }
}

const KEY = Symbol('team')

export function provideTeam(team: TeamState): TeamState {
  return setContext(KEY, team)
}

/** The team state, or null where none was provided (components shown outside the app, in tests). */
export function useTeam(): TeamState | null {
  return getContext<TeamState | undefined>(KEY) ?? null
}
