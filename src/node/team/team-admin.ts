import { AppError } from '../../common/errors'
import { CouchError, dbPath, DB_NAME_PATTERN, type CouchClient, type CouchResponse } from './couch-client'
import { designDoc, DESIGN_DOC_ID, securityObject } from './design-doc'

/**
 * Creating a team database and changing its members, over CouchDB's HTTP API. Creating a
 * database needs a server admin; changing `_security` needs an admin of the database.
 */
export function checkDbName(db: string): string {
  if (!DB_NAME_PATTERN.test(db)) throw new AppError('team.badDb', { db: db.slice(0, 100) })
  return db
}

/** Creates the database (or finds it empty of ours), its `_security` and its design document. */
export async function createTeamDatabase(client: CouchClient, db: string, members: readonly string[]): Promise<void> {
  // CouchDB lets only server admins create databases: say so plainly rather than relay a 403.
  const session = await client.request<{ userCtx?: { name?: string | null; roles?: string[] } }>('GET', '/_session')
  if (session.status >= 400 || session.body.userCtx?.name !== client.user) throw client.failure(session.status >= 400 ? session : { status: 401, body: { error: 'unauthorized', reason: 'Name or password is incorrect.' } })
  if (!(session.body.userCtx.roles ?? []).includes('_admin')) throw new AppError('team.notServerAdmin', { user: client.user, server: client.url })
  const created = await client.request('PUT', dbPath(db))
  if (created.status === 412) throw new AppError('team.dbExists', { db })
  if (created.status >= 400) throw client.failure(created)
  await client.ok('PUT', `${dbPath(db)}/_security`, securityObject([client.user], members))
  await client.ok('PUT', `${dbPath(db)}/${DESIGN_DOC_ID}`, designDoc())
}

export interface Members {
  readonly admins: readonly string[]
  readonly members: readonly string[]
}

interface SecurityObject {
  admins?: { names?: string[]; roles?: string[] }
  members?: { names?: string[]; roles?: string[] }
}

export async function readMembers(client: CouchClient, db: string): Promise<Members> {
  const security = await readSecurity(client, db)
  const admins = security.admins?.names ?? []
  return { admins, members: (security.members?.names ?? []).filter((name) => !admins.includes(name)) }
}

/** Adds or removes one member (admins stay admins; the last admin cannot be removed). */
export async function changeMembers(client: CouchClient, db: string, change: { add?: string; remove?: string }): Promise<Members> {
  const security = await readSecurity(client, db)
  let admins = security.admins?.names ?? []
  let members = security.members?.names ?? []
  if (change.add !== undefined) members = [...new Set([...members, change.add])]
  if (change.remove !== undefined) {
    if (admins.length === 1 && admins[0] === change.remove) throw new AppError('team.lastAdmin', { user: change.remove })
    admins = admins.filter((name) => name !== change.remove)
    members = members.filter((name) => name !== change.remove)
  }
  const written = await client.request('PUT', `${dbPath(db)}/_security`, { ...security, admins: { names: admins, roles: security.admins?.roles ?? [] }, members: { names: members, roles: security.members?.roles ?? [] } })
  if (written.status >= 400) throw await explainRefusal(client, written, () => new AppError('team.notTeamAdmin', { db, user: client.user, server: client.url }))
  return { admins, members: members.filter((name) => !admins.includes(name)) }
}

/** Checks that the user can log in and read the database (connect, before anything is saved). */
export async function checkAccess(client: CouchClient, db: string): Promise<void> {
  const response = await client.request('GET', dbPath(db))
  if (response.status === 200) return
  throw await explainRefusal(client, response, () => new CouchError('notMember', response.status, { server: client.url, reason: db }))
}

async function readSecurity(client: CouchClient, db: string): Promise<SecurityObject> {
  const response = await client.request<SecurityObject>('GET', `${dbPath(db)}/_security`)
  if (response.status >= 400) throw await explainRefusal(client, response, () => new CouchError('notMember', response.status, { server: client.url, reason: db }))
  return response.body
}

/**
 * A refused request, explained. CouchDB answers 401 to a wrong password and 403 to a logged-in
 * user the database's `_security` leaves out (express-pouchdb answers 401 to both); `_session`
 * tells them apart, since it knows the user only when the password is right. So a refusal of a
 * user who is logged in becomes `whenLoggedIn()` (not a member, not an admin), and anything else
 * the client's own failure (wrong password, server error).
 */
export async function explainRefusal(client: CouchClient, response: CouchResponse<unknown>, whenLoggedIn: () => Error): Promise<Error> {
  if (response.status !== 401 && response.status !== 403) return client.failure(response)
  const session = await client.request<{ userCtx?: { name?: string | null } }>('GET', '/_session').catch(() => null)
  if (session?.status === 200 && session.body.userCtx?.name === client.user) return whenLoggedIn()
  return client.failure(response)
}
