import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { BOTH_KEPT_SEPARATOR } from '../../src/common/team/merge-records'
import { createDispatcher } from '../../src/node/dispatch'
import type { BriefingService } from '../../src/node/service'
import { connectTeam, initTeam } from '../../src/node/team/team-connection'
import { CONSULTATIONS } from '../annotations/sample-ids'
import { closeLibrary, openLibrary } from '../annotations/open-library'
import { nextStatus, PASSWORDS, teamLibrary, useTeamServer } from './team-library'

/**
 * The team library as the app uses it (the Team dialog's calls through the dispatcher, live sync
 * in the service's process, the status it pushes), on real libraries against a real server process.
 */
const serverOf = useTeamServer(['bob'])

let dbCount = 0
const newDb = () => `app-${process.pid}-${++dbCount}`

/** Every file of a folder, read as text (to prove a secret is in none). */
async function allText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const texts = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'latin1')))
  return texts.join('\n')
}

async function passage(service: BriefingService, n: number): Promise<{ start: number; end: number }> {
  const text = bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)
  expect(text.length).toBeGreaterThan(40 + n * 40)
  return { start: 10 + n * 40, end: 40 + n * 40 }
}

describe('the team in the app', { timeout: 120_000 }, () => {
  it('refuses a wrong password with its reason, keeps nothing, and never sends the password back', async () => {
    const db = newDb()
    const alice = await teamLibrary('alice', { samples: true })
    await initTeam(alice.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    const { service, dir } = await openLibrary({ samples: false })
    const dispatch = createDispatcher(service)
    const secret = 'Wr0ng-but-secret-§'
    const refused = await dispatch('teamConnect', { server: serverOf().url, db, user: 'bob', password: secret, ca: null })
    expect(refused).toMatchObject({ ok: false, error: { code: 'team.unauthorized' } })
    expect(JSON.stringify(refused)).not.toContain(secret)
    const status = await dispatch('teamStatus', undefined)
    expect(status).toMatchObject({ ok: true, value: { connected: false, sync: { state: 'disconnected' } } })
    expect(await allText(dir)).not.toContain(secret)

    // Malformed input is refused by the schema, without echoing the password either.
    const malformed = await dispatch('teamConnect', { server: serverOf().url, db: 'Not A Db', user: 'bob', password: secret, ca: null, extra: 1 })
    expect(malformed).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(JSON.stringify(malformed)).not.toContain(secret)
    // Plain http on a public address is refused with the rule's message.
    const publicHttp = await dispatch('teamConnect', { server: 'http://93.184.216.34:5984', db, user: 'bob', password: secret, ca: null })
    expect(publicHttp).toMatchObject({ ok: false, error: { code: 'team.httpNotLocal' } })
  })

  it('connects, syncs live in the background, and a highlight made in one library reaches the other without a call', async () => {
    const db = newDb()
    const alice = await teamLibrary('alice', { samples: true })
    await initTeam(alice.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    await alice.sync()
    const b = await openLibrary({ samples: false })
    const dispatchB = createDispatcher(b.service)

    const bSynced = nextStatus(b.service, (status) => status.state === 'synced')
    const connected = await dispatchB('teamConnect', { server: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']!, ca: null })
    expect(connected).toMatchObject({ ok: true, value: { connected: true, user: 'bob', db, insecure: true, passwordKeeping: 'session' } })
    expect(JSON.stringify(connected)).not.toContain(PASSWORDS['bob']!)
    await bSynced
    expect(b.service.libraryStore.hasArticle(CONSULTATIONS)).toBe(true)
    expect(await allText(b.dir)).not.toContain(PASSWORDS['bob']!)

    // alice's library, opened by the app: its keeper has no password this session, so it waits for one.
    await closeLibrary(alice.service)
    const aliceApp = await openLibrary({ dir: alice.dir })
    await aliceApp.service.startTeamSync()
    expect((await aliceApp.service.teamStatus()).sync).toEqual({ state: 'needsPassword' })
    const aliceSynced = nextStatus(aliceApp.service, (status) => status.state === 'synced')
    await aliceApp.service.teamConnect({ server: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']!, ca: null })
    await aliceSynced

    // A highlight saved in alice's library appears in bob's, through live sync alone.
    const arrived = new Promise<void>((resolve) => {
      const stop = b.service.onLibraryChange((change) => {
        if (!change.annotations.includes(CONSULTATIONS)) return
        stop()
        resolve()
      })
    })
    const made = await aliceApp.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(aliceApp.service, 0)), color: 'green', note: 'from alice' })
    await arrived
    const inB = (await b.service.getAnnotations({ articleId: CONSULTATIONS })).find((annotation) => annotation.id === made.id)
    expect(inB).toMatchObject({ note: 'from alice', author: 'alice' })
    // A brief passage taken from it carries its author, shown beside the passage.
    const offered = (await b.service.passagesOfArticle({ articleId: CONSULTATIONS })).find((candidate) => candidate.passage.annotationId === made.id)
    expect(offered?.passage.author).toBe('alice')

    // Disconnecting stops sync and forgets the team; the records stay.
    const gone = await dispatchB('teamDisconnect', undefined)
    expect(gone).toMatchObject({ ok: true, value: { connected: false, sync: { state: 'disconnected' } } })
    expect((await b.service.getAnnotations({ articleId: CONSULTATIONS })).some((annotation) => annotation.id === made.id)).toBe(true)
  })

  it('lists a note edited on both sides with both versions, and writes the user’s choice', async () => {
    const db = newDb()
    const a = await teamLibrary('alice', { samples: true })
    await initTeam(a.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    const b = await teamLibrary('bob')
    await connectTeam(b.service.libraryStore, { url: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']! })
    const h = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a.service, 1)), color: 'yellow', note: 'base' })
    await a.sync()
    await b.sync()
    await a.service.updateAnnotation({ articleId: CONSULTATIONS, id: h.id, note: 'alice says' })
    await b.service.updateAnnotation({ articleId: CONSULTATIONS, id: h.id, note: 'bob says' })
    await a.sync()
    await b.sync()

    const view = await b.service.teamStatus()
    const conflict = view.conflicts.find((entry) => entry.docId === `highlight:${h.id}`)
    expect(conflict).toMatchObject({ kind: 'highlight', field: 'note', sides: ['bob says', 'alice says'] })
    expect((await b.highlights()).find((entry) => entry.id === h.id)?.note).toBe(`bob says${BOTH_KEPT_SEPARATOR}alice says`)

    const after = await b.service.teamResolveConflict({ docId: `highlight:${h.id}`, field: 'note', text: 'alice says; bob agrees' })
    expect(after.conflicts).toEqual([])
    expect((await b.highlights()).find((entry) => entry.id === h.id)?.note).toBe('alice says; bob agrees')
    expect(after.pending).toBeGreaterThan(0)
    const log = await b.service.teamSyncLog()
    expect(log.text).toContain(`highlight:${h.id}`)
    // Deciding again is refused with a message naming what is no longer open.
    await expect(b.service.teamResolveConflict({ docId: `highlight:${h.id}`, field: 'note', text: 'x' })).rejects.toMatchObject({ code: 'team.noConflict' })
    // The choice reaches alice.
    await b.sync()
    await a.sync()
    expect((await a.highlights()).find((entry) => entry.id === h.id)?.note).toBe('alice says; bob agrees')
  })

  it('keeps a private highlight off the server when it is marked private in the app', async () => {
    const db = newDb()
    const a = await teamLibrary('alice', { samples: true })
    await initTeam(a.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    const h = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a.service, 2)), color: 'pink', note: 'only mine' })
    const marked = await a.service.updateAnnotation({ articleId: CONSULTATIONS, id: h.id, private: true })
    expect(marked.private).toBe(true)
    await a.sync()
    const onServer = await serverOf().admin_('GET', `/${db}/${encodeURIComponent(`highlight:${h.id}`)}`)
    expect(onServer.status).toBe(404)
    const shared = await a.service.updateAnnotation({ articleId: CONSULTATIONS, id: h.id, private: false })
    expect(shared.private).toBeUndefined()
    await a.sync()
    expect((await serverOf().admin_('GET', `/${db}/${encodeURIComponent(`highlight:${h.id}`)}`)).status).toBe(200)
  })
})
