import type { Annotation } from '../../src/common/model/annotation'
import { translate } from '../../src/common/i18n/translate'
import type { TeamSyncView } from '../../src/common/team/team-view'
import type { BriefingService } from '../../src/node/service'
import { openTeamSync } from '../../src/node/team/team-connection'
import type { SyncReport } from '../../src/node/team/team-sync'
import { afterAll, beforeAll } from 'vitest'
import { openLibrary } from '../annotations/open-library'
import { createUser, makeServerAdmin, startTestServer, type TestServer } from './team-server'

/** A real library in a temp folder, with the team sync of one user. */
export interface TeamLibrary {
  readonly service: BriefingService
  readonly dir: string
  readonly user: string
  sync(options?: { password?: string; timeoutMs?: number; onProgress?: () => void }): Promise<SyncReport>
  /** Everything the team shares, in a canonical order, as comparable JSON (what must converge). */
  shared(): Promise<unknown>
  highlights(): Promise<Annotation[]>
}

export const PASSWORDS: Record<string, string> = { alice: 'alice-pw-1', bob: 'bob-pw-2', carol: 'carol-pw-3', eve: 'eve-pw-4' }

export async function teamLibrary(user: string, options: { samples?: boolean; dir?: string } = {}): Promise<TeamLibrary> {
  const { service, dir } = await openLibrary({ samples: options.samples ?? false, ...(options.dir === undefined ? {} : { dir: options.dir }) })
  const store = service.libraryStore
  return {
    service,
    dir,
    user,
    async sync({ password = PASSWORDS[user]!, timeoutMs, onProgress } = {}) {
      const { sync, close } = await openTeamSync(store, password, {
        say: (key, params) => translate('en', key, params),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(onProgress ? { onProgress } : {}),
      })
      try {
        return await sync.round()
      } finally {
        await sync.flush().catch(() => undefined)
        close()
      }
    },
    async highlights() {
      return (await store.allAnnotations()).sort((a, b) => a.id.localeCompare(b.id))
    },
    async shared() {
      const articles = await Promise.all(store.listArticles().map((summary) => store.getArticle(summary.id)))
      const highlights = (await store.allAnnotations())
        .filter((annotation) => annotation.private !== true)
        .map(({ author: _author, private: _private, ...rest }) => rest)
        .sort((a, b) => a.id.localeCompare(b.id))
      return {
        articles: articles.sort((a, b) => a!.id.localeCompare(b!.id)),
        highlights,
        themes: [...store.listTags()].sort((a, b) => a.id.localeCompare(b.id)),
        briefs: store.listBriefs().sort((a, b) => a.id.localeCompare(b.id)),
        templates: store.listTemplates(),
        markings: [...store.settings.markings].sort(),
      }
    },
  }
}

/**
 * One test server process for a test file, started before its tests and stopped after them:
 * alice is its admin, `users` are ordinary users. Returns the server, valid inside tests.
 */
export function useTeamServer(users: readonly string[]): () => TestServer {
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startTestServer()
    for (const user of users) await createUser(server, user, PASSWORDS[user]!)
    await makeServerAdmin(server, 'alice', PASSWORDS['alice']!)
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })
  return () => server!
}

/** Resolves with the first sync state the service pushes that passes `test`. */
export function nextStatus(service: BriefingService, test: (status: TeamSyncView) => boolean): Promise<TeamSyncView> {
  return new Promise((resolve) => {
    const stop = service.onTeamStatus((status) => {
      if (!test(status)) return
      stop()
      resolve(status)
    })
  })
}
