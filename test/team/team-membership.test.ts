import { readFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { translate } from '../../src/common/i18n/translate'
import type { ErrorInfo } from '../../src/common/errors'
import { createDispatcher } from '../../src/node/dispatch'
import type { BriefingService } from '../../src/node/service'
import { BACKUP_EXTENSION } from '../../src/node/store/backup-bundle'
import { changeMembers, readMembers } from '../../src/node/team/team-admin'
import { connectTeam, initTeam, teamClient } from '../../src/node/team/team-connection'
import { CONSULTATIONS } from '../annotations/sample-ids'
import { openLibrary } from '../annotations/open-library'
import { tempDir } from '../helpers'
import { nextStatus, PASSWORDS, teamLibrary, useTeamServer } from './team-library'

/**
 * Membership and authentication against a real server process (docs/team.md#membership): a
 * non-member is refused as CouchDB 3 refuses one, a member removed on the server sees their sync
 * stop with a message naming the database, a wrong password and a password changed on the server
 * (the session a library holds expiring) stop sync and ask for it again, every message in the
 * user's language and none with a password. And a backup restored into a connected library
 * neither sends its older records over the team's nor deletes what the team made since.
 */
const serverOf = useTeamServer(['bob', 'carol', 'eve'])

let dbCount = 0
const newDb = () => `members-${process.pid}-${++dbCount}`

async function passage(service: BriefingService, n: number): Promise<{ start: number; end: number }> {
  const text = bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)
  expect(text.length).toBeGreaterThan(40 + n * 40)
  return { start: 10 + n * 40, end: 40 + n * 40 }
}

/** A team made by alice (with samples, synced) with `members`. */
async function team(members: string[]): Promise<{ db: string; alice: Awaited<ReturnType<typeof teamLibrary>> }> {
  const db = newDb()
  const alice = await teamLibrary('alice', { samples: true })
  await initTeam(alice.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, members)
  await alice.sync()
  return { db, alice }
}

/** A user's library connected from the app (the Team dialog's call), live sync running and synced. */
async function appLibrary(user: string, db: string): Promise<BriefingService> {
  const { service } = await openLibrary({ samples: false })
  const synced = nextStatus(service, (status) => status.state === 'synced')
  const connected = await createDispatcher(service)('teamConnect', { server: serverOf().url, db, user, password: PASSWORDS[user]!, ca: null })
  expect(connected).toMatchObject({ ok: true })
  await synced
  return service
}

const say = (locale: 'en' | 'vi', error: ErrorInfo) => translate(locale, `error.${error.code}`, error.params)

describe('team membership and authentication', { timeout: 180_000 }, () => {
  it('the server refuses a non-member with 403 and an anonymous caller with 401, on every read', async () => {
    const { db } = await team(['bob'])
    const as = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${PASSWORDS[user]}`).toString('base64')}`, 'content-type': 'application/json' })
    const read = (headers: Record<string, string>) =>
      Promise.all([
        fetch(`${serverOf().url}/${db}`, { headers }),
        fetch(`${serverOf().url}/${db}/_changes?since=0`, { headers }),
        fetch(`${serverOf().url}/${db}/_all_docs`, { headers }),
        fetch(`${serverOf().url}/${db}/_bulk_get`, { method: 'POST', headers, body: JSON.stringify({ docs: [{ id: 'markings:desk' }] }) }),
      ]).then((responses) => responses.map((response) => response.status))
    expect(await read(as('bob'))).toEqual([200, 200, 200, 200])
    expect(await read(as('eve'))).toEqual([403, 403, 403, 403])
    expect(await read({ 'content-type': 'application/json' })).toEqual([401, 401, 401, 401])
    // Connecting as a non-member says so, not "wrong password".
    const eve = await teamLibrary('eve')
    await expect(connectTeam(eve.service.libraryStore, { url: serverOf().url, db, user: 'eve', password: PASSWORDS['eve']! })).rejects.toMatchObject({ code: 'team.notMember' })
    // A member who is no admin may list the members but not change them, and is told why.
    const bob = await teamLibrary('bob')
    await connectTeam(bob.service.libraryStore, { url: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']! })
    const { client } = await teamClient(bob.service.libraryStore, PASSWORDS['bob']!)
    try {
      expect(await readMembers(client, db)).toEqual({ admins: ['alice'], members: ['bob'] })
      const refused = await changeMembers(client, db, { add: 'eve' }).catch((error: unknown) => error)
      expect(refused).toMatchObject({ code: 'team.notTeamAdmin', params: { db, user: 'bob' } })
    } finally {
      client.close()
    }
  })

  it('a member removed on the server sees their sync stop with a message naming the team, and their edit kept', async () => {
    const { db, alice } = await team(['bob'])
    const bob = await appLibrary('bob', db)
    const { client } = await teamClient(alice.service.libraryStore, PASSWORDS['alice']!)
    try {
      await changeMembers(client, db, { remove: 'bob' })
    } finally {
      client.close()
    }
    const stopped = nextStatus(bob, (status) => status.state !== 'syncing')
    await bob.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(bob, 0)), color: 'yellow', note: 'after removal' })
    const status = await stopped
    expect(status.state).toBe('error')
    const error = (status as { error: ErrorInfo }).error
    expect(error).toMatchObject({ code: 'team.notMember', params: { reason: db } })
    expect(say('vi', error)).toContain(`Bạn không còn là thành viên của cơ sở dữ liệu nhóm “${db}”`)
    expect(say('en', error)).toContain(`no longer a member of the team database “${db}”`)
    const view = await bob.teamStatus()
    expect(view).toMatchObject({ connected: true, pending: 1, sync: { state: 'error' } })

    // Added back, bob gives the password again and the kept edit goes out.
    const again = await teamClient(alice.service.libraryStore, PASSWORDS['alice']!)
    await changeMembers(again.client, db, { add: 'bob' }).finally(() => again.client.close())
    const resumed = nextStatus(bob, (next) => next.state === 'synced')
    await bob.teamConnect({ server: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']!, ca: null })
    await resumed
    expect((await bob.teamStatus()).pending).toBe(0)
    await alice.sync()
    expect((await alice.highlights()).some((highlight) => highlight.note === 'after removal')).toBe(true)
  })

  it('a wrong password is refused in the user’s language, without the server’s English or the password', async () => {
    const { db } = await team(['bob'])
    const { service } = await openLibrary({ samples: false })
    const secret = 'Sai-mật-khẩu-42'
    const refused = await createDispatcher(service)('teamConnect', { server: serverOf().url, db, user: 'bob', password: secret, ca: null })
    expect(refused).toMatchObject({ ok: false, error: { code: 'team.unauthorized' } })
    const error = (refused as { error: ErrorInfo }).error
    expect(say('vi', error)).toContain('từ chối tên người dùng hoặc mật khẩu')
    expect(say('vi', error)).not.toMatch(/incorrect|unauthorized/i)
    expect(JSON.stringify(refused)).not.toContain(secret)
  })

  it('a password changed on the server while connected (an expired session) stops sync and asks for it; the new one resumes', async () => {
    const { db } = await team(['carol'])
    const carol = await appLibrary('carol', db)
    const userDoc = await serverOf().admin_('GET', '/_users/org.couchdb.user:carol')
    const newPassword = 'carol-new-pw-5'
    const changed = await serverOf().admin_('PUT', '/_users/org.couchdb.user:carol', { ...(userDoc.body as object), password: newPassword })
    expect(changed.status).toBeLessThan(300)

    const stopped = nextStatus(carol, (status) => status.state !== 'syncing')
    await carol.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(carol, 1)), color: 'green' })
    const status = await stopped
    expect(status).toMatchObject({ state: 'error', error: { code: 'team.unauthorized' } })
    expect(JSON.stringify(status)).not.toContain(PASSWORDS['carol']!)

    const resumed = nextStatus(carol, (next) => next.state === 'synced')
    await carol.teamConnect({ server: serverOf().url, db, user: 'carol', password: newPassword, ca: null })
    await resumed
    expect((await carol.teamStatus()).pending).toBe(0)
  })

  it('names why a server cannot be reached: nothing listening, or https to a plain-http port', async () => {
    const { db } = await team([])
    const lib = await teamLibrary('bob')
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer()
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port
        probe.close(() => resolve(port))
      })
    })
    const refused = await connectTeam(lib.service.libraryStore, { url: `http://127.0.0.1:${closed}`, db, user: 'bob', password: PASSWORDS['bob']! }).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'team.connectionRefused', failure: 'unreachable' })
    expect(translate('vi', 'error.team.connectionRefused', (refused as { params: Record<string, string> }).params)).toContain('máy chủ nhóm có đang chạy không')
    const plain = new URL(serverOf().url)
    if (plain.protocol === 'http:') {
      const tls = await connectTeam(lib.service.libraryStore, { url: `https://${plain.host}`, db, user: 'bob', password: PASSWORDS['bob']! }).catch((error: unknown) => error)
      expect(tls).toMatchObject({ failure: 'tls' })
    }
  })

  it('a backup restored into a connected library stops and restarts sync, and sends nothing older over the team’s records', async () => {
    const { db, alice: aliceFiles } = await team(['bob'])
    const bob = await teamLibrary('bob')
    await connectTeam(bob.service.libraryStore, { url: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']! })
    // alice's library in the app, syncing live.
    const alice = aliceFiles.service
    const first = nextStatus(alice, (status) => status.state === 'synced')
    await alice.teamConnect({ server: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']!, ca: null })
    await first
    const synced = async (change: () => Promise<unknown>) => {
      const done = nextStatus(alice, (status) => status.state === 'synced')
      await change()
      await done
    }
    let h1 = { id: '' }
    await synced(async () => (h1 = await alice.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(alice, 0)), color: 'yellow', note: 'before the backup' })))
    const backup = join(await tempDir('team-restore-'), `alice${BACKUP_EXTENSION}`)
    await alice.backupTo(backup)

    // After the backup: alice edits h1 and makes h2; bob edits h2.
    await synced(() => alice.updateAnnotation({ articleId: CONSULTATIONS, id: h1.id, note: 'after the backup' }))
    let h2 = { id: '' }
    await synced(async () => (h2 = await alice.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(alice, 2)), color: 'green', note: 'made after the backup' })))
    await bob.sync()
    await bob.service.updateAnnotation({ articleId: CONSULTATIONS, id: h2.id, note: 'bob’s edit' })
    await bob.sync()

    const restarted = nextStatus(alice, (status) => status.state === 'synced')
    await alice.restoreFrom(backup)
    await restarted

    // The team kept its newer records: nothing reverted, nothing deleted.
    const onServer = async (id: string) => (await serverOf().admin_('GET', `/${db}/${encodeURIComponent(`highlight:${id}`)}`)).body as { record?: { note?: string } }
    expect((await onServer(h1.id)).record?.note).toBe('after the backup')
    expect((await onServer(h2.id)).record?.note).toBe('bob’s edit')
    // And alice's restored library took the team's versions.
    const notes = new Map((await aliceFiles.highlights()).map((highlight) => [highlight.id, highlight.note]))
    expect(notes.get(h1.id)).toBe('after the backup')
    expect(notes.get(h2.id)).toBe('bob’s edit')
    expect((await alice.teamStatus()).pending).toBe(0)
    await bob.sync()
    expect(await aliceFiles.shared()).toEqual(await bob.shared())
    expect(await readFile(join(aliceFiles.dir, 'team', 'sync-log.txt'), 'utf8')).toContain('restored from a backup')
  })
})
