import type { ApiHandlers } from '../../common/api'
import type { LibraryParts } from './library-parts'

export type TeamHandlers = Pick<ApiHandlers, 'teamStatus' | 'teamConnect' | 'teamDisconnect' | 'teamSyncLog' | 'teamResolveConflict'>

/** The log's tail the Team dialog shows (the whole file is team/sync-log.txt in the library folder). */
const LOG_TAIL_CHARS = 64_000

/** The team library (docs/team.md#the-app): the Team dialog's calls. No reply carries the password. */
export function teamHandlers(parts: LibraryParts): TeamHandlers {
  // Made on first call: most services (the CLI's) never touch the team.
  const team = () => parts.team
  return {
    teamStatus: () => team().view(),
    async teamConnect({ server, db, user, password, ca }) {
      await team().connect({ url: server, db, user, password, ca })
      return team().view()
    },
    async teamDisconnect() {
      await team().disconnect()
      return team().view()
    },
    teamSyncLog: () => team().logTail(LOG_TAIL_CHARS),
    async teamResolveConflict({ docId, field, text }) {
      await team().resolve(docId, field, text)
      return team().view()
    },
  }
}
