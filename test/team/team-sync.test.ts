import { readFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { BOTH_KEPT_SEPARATOR } from '../../src/common/team/merge-records'
import { buildArticle } from '../../src/node/library/build-article'
import { CouchError } from '../../src/node/team/couch-client'
import { runLiveSync, type TeamSyncStatus } from '../../src/node/team/live-sync'
import { changeMembers } from '../../src/node/team/team-admin'
import { connectTeam, initTeam, openTeamSync, teamClient, teamStatus } from '../../src/node/team/team-connection'
import { translate } from '../../src/common/i18n/translate'
import { newTeamState, writeTeamState } from '../../src/node/team/team-state'
import { CONSULTATIONS } from '../annotations/sample-ids'
import { createUser, makeServerAdmin, startTestServer, type TestServer } from './team-server'
import { PASSWORDS, teamLibrary, type TeamLibrary } from './team-library'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
  for (const user of ['bob', 'carol', 'eve']) await createUser(server, user, PASSWORDS[user]!)
  // alice leads the desk: a server admin, who can create team databases.
  await makeServerAdmin(server, 'alice', PASSWORDS['alice']!)
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

let dbCount = 0
/** A new team database made by alice (its admin) from a library with the samples, and members joining with empty libraries. */
async function team(members: readonly string[]): Promise<{ db: string; admin: TeamLibrary; others: TeamLibrary[] }> {
  const db = `team-${process.pid}-${++dbCount}`
  const admin = await teamLibrary('alice', { samples: true })
  await initTeam(admin.service.libraryStore, { url: server.url, db, user: 'alice', password: PASSWORDS['alice']! }, members)
  const others: TeamLibrary[] = []
  for (const user of members) {
    const library = await teamLibrary(user)
    await connectTeam(library.service.libraryStore, { url: server.url, db, user, password: PASSWORDS[user]! })
    others.push(library)
  }
  return { db, admin, others }
}

/** Two highlights' worth of text from the consultations sample. */
async function passage(library: TeamLibrary, n: number): Promise<{ start: number; end: number }> {
  const article = await library.service.getArticle({ id: CONSULTATIONS })
  const text = bodyText(article.blocks)
  const start = 10 + n * 40
  expect(text.length).toBeGreaterThan(start + 30)
  return { start, end: start + 30 }
}

describe('team sync', { timeout: 90_000 }, () => {
  it('two libraries edit the same highlights concurrently, sync, and converge with nothing lost', async () => {
    const { admin: a, others: [b] } = await team(['bob'])
    const h1 = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 0)), color: 'yellow', note: 'base note', tags: ['Peru'] })
    const h2 = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 1)), color: 'green' })
    await a.sync()
    const first = await b!.sync()
    expect(first.pulled).toBeGreaterThan(0)
    expect(await b!.shared()).toEqual(await a.shared())
    expect((await b!.highlights()).find((h) => h.id === h1.id)?.author).toBe('alice')

    // Concurrently: both edit h1's note and tags; A deletes h2 while B recolours it; B adds h3.
    await a.service.updateAnnotation({ articleId: CONSULTATIONS, id: h1.id, note: 'note from alice', tags: ['Peru', 'Lima'] })
    await b!.service.updateAnnotation({ articleId: CONSULTATIONS, id: h1.id, note: 'note from bob', tags: ['Peru', 'APEC'] })
    await a.service.deleteAnnotations({ articleId: CONSULTATIONS, ids: [h2.id] })
    await b!.service.updateAnnotation({ articleId: CONSULTATIONS, id: h2.id, color: 'pink' })
    const h3 = await b!.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(b!, 2)), color: 'blue', note: 'bob’s own' })

    await a.sync()
    const merging = await b!.sync()
    expect(merging.merged).toBeGreaterThan(0)
    await a.sync()
    expect(await b!.shared()).toEqual(await a.shared())

    const merged = (await a.highlights()).find((h) => h.id === h1.id)!
    expect(merged.note).toBe(`note from bob${BOTH_KEPT_SEPARATOR}note from alice`)
    const tagNames = (await a.service.listTags()).filter((tag) => merged.tagIds.includes(tag.id)).map((tag) => tag.name)
    expect(tagNames.sort()).toEqual(['APEC', 'Lima', 'Peru'])
    // The edit won over the deletion, and the deletion was reported.
    expect((await a.highlights()).find((h) => h.id === h2.id)?.color).toBe('pink')
    expect((await a.highlights()).map((h) => h.id)).toContain(h3.id)
    const bobLog = await readFile(join(b!.dir, 'team', 'sync-log.txt'), 'utf8')
    expect(bobLog).toContain(`highlight:${h2.id} was deleted on the server, but it was edited here since`)
    expect(bobLog).toContain(`highlight:${h1.id} was changed here and on the server: merged`)
    const status = await teamStatus(b!.service.libraryStore)
    expect(status?.pending).toBe(0)
    expect(status?.conflicts[`highlight:${h1.id}`]).toEqual(['note'])
  })

  it('three libraries edit themes, highlights and a brief concurrently and converge', async () => {
    const { admin: a, others } = await team(['bob', 'carol'])
    const [b, c] = others as [TeamLibrary, TeamLibrary]
    await a.sync()
    await b.sync()
    await c.sync()
    const created = [
      await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 0)), color: 'yellow', tags: ['Trade'] }),
      await b.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(b, 1)), color: 'green', tags: ['Maritime'] }),
      await c.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(c, 2)), color: 'blue', note: 'carol' }),
    ]
    const brief = await c.service.createBrief({ title: 'Peru visit' })
    for (let round = 0; round < 2; round++) for (const library of [a, b, c]) await library.sync()
    const reference = await a.shared()
    expect(await b.shared()).toEqual(reference)
    expect(await c.shared()).toEqual(reference)
    const ids = (await a.highlights()).map((h) => h.id)
    for (const highlight of created) expect(ids).toContain(highlight.id)
    expect(a.service.libraryStore.getBrief(brief.id)?.title).toBe('Peru visit')
    expect((await a.service.listTags()).map((tag) => tag.name)).toEqual(expect.arrayContaining(['Trade', 'Maritime']))
    for (const library of [a, b, c]) expect((await teamStatus(library.service.libraryStore))?.pending).toBe(0)
  })

  it('never sends a private highlight, and withdraws one made private after it was shared', async () => {
    const { db, admin: a, others: [b] } = await team(['bob'])
    const secret = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 0)), color: 'purple', note: 'PRIVATE-NOTE-7f3a' })
    const shared = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 1)), color: 'yellow', note: 'shared then private' })
    await markPrivate(a, secret.id)
    await a.sync()
    await b!.sync()
    expect((await b!.highlights()).map((h) => h.id)).toEqual([shared.id])
    await markPrivate(a, shared.id)
    await a.sync()
    await b!.sync()
    expect(await b!.highlights()).toEqual([])
    expect((await a.highlights()).map((h) => h.id).sort()).toEqual([secret.id, shared.id].sort())
    const all = JSON.stringify((await server.admin_('GET', `/${db}/_all_docs?include_docs=true`)).body)
    expect(all).not.toContain(secret.id)
    expect(all).not.toContain('PRIVATE-NOTE-7f3a')
    expect(all).not.toContain('shared then private')
  })

  it('skips hostile documents written straight into the server and applies the good ones', async () => {
    // A database without the design document, so that anything can be written into it.
    const db = `hostile-${process.pid}`
    await server.admin_('PUT', `/${db}`)
    await server.admin_('PUT', `/${db}/_security`, { admins: { names: [], roles: [] }, members: { names: ['bob'], roles: [] } })
    const b = await teamLibrary('bob')
    await connectTeam(b.service.libraryStore, { url: server.url, db, user: 'bob', password: PASSWORDS['bob']! })
    const theme = { id: 'tg_00000000000000aa', name: 'Fisheries', parentId: null, color: null, aliases: [], keywords: [] }
    const envelope = (id: string, kind: string, record: unknown) => ({ _id: id, kind, author: 'mallory', changedBy: 'mallory', changedAt: '2026-01-01T00:00:00.000Z', record })
    const hostile = [
      envelope('theme:tg_00000000000000ab', 'theme', { ...theme, id: 'tg_00000000000000ab', name: 42 }),
      envelope('theme:tg_00000000000000ac', 'theme', { ...theme, id: 'tg_00000000000000ac', name: '<img src=x onerror=alert(1)>' }),
      envelope('theme:tg_00000000000000ad', 'theme', { ...theme, id: 'tg_00000000000000ad', keywords: ['<script>alert(1)</script>'] }),
      envelope('../../../etc/passwd', 'theme', { ...theme, id: 'tg_00000000000000ae' }),
      envelope('article:../../x', 'article', {}),
      envelope('theme:tg_00000000000000af', 'theme', { ...theme, id: 'tg_00000000000000b0' }),
      envelope('brief:br_00000000000000a1', 'theme', { ...theme, id: 'br_00000000000000a1' }),
    ]
    for (const doc of hostile) expect((await server.admin_('PUT', `/${db}/${encodeURIComponent(doc._id)}`, doc)).status).toBe(201)
    // __proto__ as a key, written as raw JSON (JSON.stringify would not write it).
    const proto = `{"_id":"theme:tg_00000000000000b1","kind":"theme","author":"m","changedBy":"m","changedAt":"2026-01-01T00:00:00.000Z","record":{"id":"tg_00000000000000b1","name":"x","parentId":null,"color":null,"aliases":[],"keywords":[],"__proto__":{"polluted":true}}}`
    const protoResponse = await fetch(`${server.url}/${db}/theme:tg_00000000000000b1`, { method: 'PUT', body: proto, headers: { authorization: `Basic ${Buffer.from(`${server.admin.user}:${server.admin.password}`).toString('base64')}`, 'content-type': 'application/json' } })
    expect(protoResponse.status).toBe(201)
    // express-pouchdb drops a __proto__ key when it stores the document; CouchDB keeps it. Either
    // way nothing may be polluted; when it arrives, the document is skipped (incoming-doc.test.ts
    // checks the key itself).
    const stored = await (await fetch(`${server.url}/${db}/theme:tg_00000000000000b1`, { headers: { authorization: `Basic ${Buffer.from(`${server.admin.user}:${server.admin.password}`).toString('base64')}` } })).text()
    const protoKept = stored.includes('__proto__') ? 1 : 0
    expect((await server.admin_('PUT', `/${db}/theme:${theme.id}`, envelope(`theme:${theme.id}`, 'theme', theme))).status).toBe(201)

    const before = b.service.libraryStore.listTags().length
    const report = await b.sync()
    expect(report.skipped).toBe(hostile.length + protoKept)
    const tags = b.service.libraryStore.listTags()
    expect(tags.map((tag) => tag.id)).toContain(theme.id)
    expect(tags).toHaveLength(before + 2 - protoKept)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    const status = await teamStatus(b.service.libraryStore)
    expect(Object.keys(status!.skipped)).toHaveLength(hostile.length + protoKept)
    const log = await readFile(join(b.dir, 'team', 'sync-log.txt'), 'utf8')
    expect(log).toContain('"../../../etc/passwd"')
    if (protoKept === 1) expect(log).toContain('__proto__')
    expect(log).toContain('active markup')
    // A second sync finds nothing new: the skipped documents are behind the checkpoint.
    expect((await b.sync()).skipped).toBe(0)
  })

  it('the server refuses non-members, forged authors, another user’s author field and private records', async () => {
    const { db, admin: a } = await team(['bob'])
    await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 0)), color: 'yellow' })
    await a.sync()
    const as = (user: string) => `Basic ${Buffer.from(`${user}:${PASSWORDS[user]}`).toString('base64')}`
    const put = async (user: string, doc: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/${db}/${encodeURIComponent(String(doc['_id']))}`, { method: 'PUT', body: JSON.stringify(doc), headers: { authorization: as(user), 'content-type': 'application/json' } })
      return response.status
    }
    const theme = { id: 'tg_00000000000000c1', name: 'T', parentId: null, color: null, aliases: [], keywords: [] }
    const doc = (fields: Record<string, unknown>) => ({ _id: `theme:${theme.id}`, kind: 'theme', author: 'bob', changedBy: 'bob', changedAt: '2026-01-01T00:00:00.000Z', record: theme, ...fields })
    expect(await put('eve', doc({ author: 'eve', changedBy: 'eve' }))).toBe(403)
    expect(await put('bob', doc({ author: 'alice' }))).toBe(403)
    expect(await put('bob', doc({ changedBy: 'alice' }))).toBe(403)
    expect(await put('bob', doc({ _id: 'theme:../x' }))).toBe(403)
    expect(await put('bob', doc({ record: { ...theme, private: true } }))).toBe(403)
    expect(await put('bob', doc({}))).toBe(201)
    const all = (await server.admin_('GET', `/${db}/_all_docs?include_docs=true`)).body as { rows: { doc: { _id: string; _rev: string; author: string } }[] }
    const aliceDoc = all.rows.find((row) => row.doc._id.startsWith('highlight:'))!.doc
    expect(await put('bob', { ...aliceDoc, author: 'bob', changedBy: 'bob' })).toBe(403)
  })

  it('says plainly when the password is wrong and when the user was removed from the team', async () => {
    const { db, admin: a, others: [b] } = await team(['bob'])
    await expect(b!.sync({ password: 'not-the-password' })).rejects.toMatchObject({ failure: 'unauthorized' })
    await a.sync()
    await b!.sync()
    const { client } = await teamClient(a.service.libraryStore, PASSWORDS['alice']!)
    await changeMembers(client, db, { remove: 'bob' })
    client.close()
    await b!.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(b!, 0)), color: 'yellow' })
    const error = await b!.sync().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CouchError)
    expect((error as CouchError).failure).toBe('notMember')
    expect((error as CouchError).message).not.toContain(PASSWORDS['bob'])
    // The edit is kept, pending.
    expect((await teamStatus(b!.service.libraryStore))?.pending).toBe(1)
  })

  it('merges conflicts CouchDB recorded between server replicas and removes the losing revisions', async () => {
    // express-pouchdb drops revisions written with new_edits=false when the database has a
    // validate_doc_update (CouchDB does not), so this team's database is made without one.
    const db = `replicas-${process.pid}`
    await server.admin_('PUT', `/${db}`)
    await server.admin_('PUT', `/${db}/_security`, { admins: { names: [], roles: [] }, members: { names: ['bob', 'carol'], roles: [] } })
    const b = await teamLibrary('bob', { samples: true })
    const c = await teamLibrary('carol')
    await connectTeam(b.service.libraryStore, { url: server.url, db, user: 'bob', password: PASSWORDS['bob']! })
    await connectTeam(c.service.libraryStore, { url: server.url, db, user: 'carol', password: PASSWORDS['carol']! })
    const h = await b.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(b, 0)), color: 'yellow', note: 'base', tags: ['Peru'] })
    await b.sync()
    await c.sync()
    // Two servers took edits of one highlight and replicated: two sibling revisions, written as a replicator does.
    const docId = `highlight:${h.id}`
    const current = (await server.admin_('GET', `/${db}/${docId}`)).body as { _rev: string; record: Record<string, unknown> } & Record<string, unknown>
    const [start, hash] = current._rev.split('-') as [string, string]
    const sibling = (suffix: string, record: Record<string, unknown>) => ({ ...current, _rev: `${Number(start) + 1}-${suffix}`, _revisions: { start: Number(start) + 1, ids: [suffix, hash] }, changedAt: '2026-12-07T00:00:00.000Z', record: { ...current.record, ...record } })
    const written = await server.admin_('POST', `/${db}/_bulk_docs`, { new_edits: false, docs: [sibling('a'.repeat(32), { note: 'from server one' }), sibling('b'.repeat(32), { note: 'from server two', color: 'green' })] })
    expect(written.status).toBe(201)
    expect(((await server.admin_('GET', `/${db}/${docId}?conflicts=true`)).body as { _conflicts?: string[] })._conflicts).toHaveLength(1)

    await c.sync()
    await b.sync()
    expect(await b.shared()).toEqual(await c.shared())
    const merged = (await b.highlights()).find((highlight) => highlight.id === h.id)!
    expect(merged.note.split(BOTH_KEPT_SEPARATOR).sort()).toEqual(['from server one', 'from server two'])
    expect(merged.color).toBe('green')
    expect(((await server.admin_('GET', `/${db}/${docId}?conflicts=true`)).body as { _conflicts?: string[] })._conflicts ?? []).toEqual([])
    expect(await readFile(join(c.dir, 'team', 'sync-log.txt'), 'utf8')).toContain(`${docId} had 1 conflicting revisions on the server`)
  })

  it('brings a 2 MB article across intact', async () => {
    const { admin: a, others: [b] } = await team(['bob'])
    const paragraph = 'Bộ trưởng Ngoại giao đã có cuộc hội đàm với người đồng cấp về hợp tác thương mại, đầu tư và an ninh biển trong khu vực. '
    const text = Array.from({ length: 2_000_000 / (paragraph.length * 4) }, (_, i) => `${i + 1}. ${paragraph.repeat(4)}`).join('\n\n')
    const article = buildArticle(`Hội đàm cấp cao\n\n${text}`, { origin: { kind: 'paste', name: null }, importedAt: new Date() })!
    expect(JSON.stringify(article).length).toBeGreaterThan(2_000_000)
    await a.service.libraryStore.addArticles([article])
    await a.sync()
    await b!.sync()
    expect(await b!.service.libraryStore.getArticle(article.id)).toEqual(article)
  })

  it('gives up on a paused server, survives a stop mid-sync, and resumes after a restart', async (context) => {
    if (!server.canControl) return context.skip()
    const { admin: a, others: [b] } = await team(['bob'])
    for (let i = 0; i < 30; i++) await a.service.createAnnotation({ articleId: CONSULTATIONS, start: i * 10, end: i * 10 + 8, color: 'yellow', note: `n${i}` })
    await a.sync()

    server.pause()
    try {
      await expect(b!.sync({ timeoutMs: 2000 })).rejects.toMatchObject({ failure: 'timeout' })
    } finally {
      server.resume()
    }

    // Stopped while the first batch comes in: the sync fails, the library stays whole.
    const stopping = b!.sync({ onProgress: () => void server.stop() })
    await expect(stopping).rejects.toBeInstanceOf(CouchError)
    // An in-memory server comes back empty: both libraries notice and send what they hold again.
    await server.restart()
    for (const user of ['bob', 'carol', 'eve']) await createUser(server, user, PASSWORDS[user]!)
    await makeServerAdmin(server, 'alice', PASSWORDS['alice']!)
    const state = (await teamStatus(a.service.libraryStore))!
    await server.admin_('PUT', `/${state.db}`)
    await server.admin_('PUT', `/${state.db}/_security`, { admins: { names: ['alice'], roles: [] }, members: { names: ['alice', 'bob'], roles: [] } })
    await a.sync()
    await b!.sync()
    await a.sync()
    expect(await b!.shared()).toEqual(await a.shared())
    expect((await b!.highlights())).toHaveLength(30)
  })

  it('live sync brings a colleague’s highlight without being asked', async () => {
    const { admin: a, others: [b] } = await team(['bob'])
    await a.sync()
    const { sync, close } = await openTeamSync(b!.service.libraryStore, PASSWORDS['bob']!, { say: (key, params) => translate('en', key, params) })
    const controller = new AbortController()
    const statuses: TeamSyncStatus[] = []
    let arrived: () => void = () => undefined
    const highlightArrived = new Promise<void>((resolve) => (arrived = resolve))
    const unsubscribe = b!.service.onLibraryChange((change) => {
      if (change.annotations.length > 0) arrived()
    })
    let firstSynced: () => void = () => undefined
    const synced = new Promise<void>((resolve) => (firstSynced = resolve))
    const running = runLiveSync(sync, {
      signal: controller.signal,
      onStatus: (status) => {
        statuses.push(status)
        if (status.state === 'synced') firstSynced()
      },
    })
    await synced
    const made = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 3)), color: 'green' })
    await a.sync()
    await highlightArrived
    expect((await b!.highlights()).map((h) => h.id)).toContain(made.id)
    controller.abort()
    await running
    unsubscribe()
    close()
    expect(statuses.filter((status) => status.state === 'synced').length).toBeGreaterThanOrEqual(2)
  })

  it('live sync reports an unreachable server as offline, with the reason, and retries', async () => {
    const library = await teamLibrary('bob')
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo
        probe.close(() => resolve(port))
      })
    })
    await writeTeamState(library.dir, newTeamState({ server: `http://127.0.0.1:${closedPort}`, db: 'gone', user: 'bob', ca: null }))
    const { sync, close } = await openTeamSync(library.service.libraryStore, PASSWORDS['bob']!, { say: (key, params) => translate('en', key, params) })
    const controller = new AbortController()
    const offline: TeamSyncStatus[] = []
    await runLiveSync(sync, {
      signal: controller.signal,
      maxBackoffMs: 1,
      onStatus: (status) => {
        if (status.state !== 'offline') return
        offline.push(status)
        if (offline.length === 2) controller.abort()
      },
    })
    close()
    expect(offline).toHaveLength(2)
    expect(offline[0]).toMatchObject({ state: 'offline', error: { code: 'team.connectionRefused' } })
    expect(offline[1]!.state === 'offline' && offline[1]!.since).toBe(offline[0]!.state === 'offline' && offline[0]!.since)
  })
})

/** Marks a highlight private, as the app's future toggle will: one update through the store. */
async function markPrivate(library: TeamLibrary, id: string): Promise<void> {
  await library.service.libraryStore.update({ annotations: [CONSULTATIONS] }, (current) => {
    const list = (current.annotations.get(CONSULTATIONS) ?? []).map((annotation) => (annotation.id === id ? { ...annotation, private: true } : annotation))
    return { writes: { annotations: new Map([[CONSULTATIONS, list]]) }, value: undefined }
  })
}
