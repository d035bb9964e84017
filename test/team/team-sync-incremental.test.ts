import { mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { translate } from '../../src/common/i18n/translate'
import { CouchClient, type CouchResponse, type RequestOptions } from '../../src/node/team/couch-client'
import { LocalRecords } from '../../src/node/team/local-records'
import { SyncLog } from '../../src/node/team/sync-log'
import { connectTeam, initTeam } from '../../src/node/team/team-connection'
import { appendTeamState, newTeamState, readTeamState, writeTeamState } from '../../src/node/team/team-state'
import { TeamSync } from '../../src/node/team/team-sync'
import { CONSULTATIONS } from '../annotations/sample-ids'
import { PASSWORDS, teamLibrary, useTeamServer, type TeamLibrary } from './team-library'

const server = useTeamServer(['bob'])

/** A CouchClient that keeps what went over the wire (requests made, documents sent, bytes received): it changes nothing. */
class WatchedClient extends CouchClient {
  readonly requests: { method: string; path: string; body: unknown }[] = []
  received = 0
  override async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<CouchResponse<T>> {
    const response = await super.request<T>(method, path, body, options)
    this.requests.push({ method, path, body })
    this.received += response.bytes ?? 0
    return response
  }
  sentDocs(): string[] {
    return this.requests.filter((r) => r.path.endsWith('/_bulk_docs')).flatMap((r) => (r.body as { docs: { _id: string }[] }).docs.map((doc) => doc._id))
  }
  fetchedDocs(): string[] {
    return this.requests.filter((r) => r.path.includes('filter=_doc_ids')).flatMap((r) => (r.body as { doc_ids: string[] }).doc_ids)
  }
}

async function watchedSync(library: TeamLibrary, user: string): Promise<{ sync: TeamSync; client: WatchedClient; close: () => void }> {
  const store = library.service.libraryStore
  const state = (await readTeamState(store.dir))!
  const client = new WatchedClient({ url: state.server, credentials: { user, password: PASSWORDS[user]! } })
  const sync = new TeamSync({ store, state, client, log: new SyncLog(store.dir), say: (key, params) => translate('en', key, params) })
  return { sync, client, close: () => (sync.close(), client.close()) }
}

describe('team sync costs what changed', { timeout: 180_000 }, () => {
  it('a round after many agreed documents sends and fetches only the changed one, and saves the state as a line of its log', async () => {
    const db = `incremental-${process.pid}`
    const a = await teamLibrary('alice', { samples: true })
    await initTeam(a.service.libraryStore, { url: server().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    const b = await teamLibrary('bob')
    await connectTeam(b.service.libraryStore, { url: server().url, db, user: 'bob', password: PASSWORDS['bob']! })
    const text = bodyText((await a.service.getArticle({ id: CONSULTATIONS })).blocks)
    const ids: string[] = []
    for (let i = 0; i < 40; i++) {
      const start = (i * 7) % (text.length - 20)
      ids.push((await a.service.createAnnotation({ articleId: CONSULTATIONS, start, end: start + 12, color: 'yellow', note: `note ${i}` })).id)
    }
    const published = await a.sync()
    expect(published.pushed).toBeGreaterThan(40)
    expect((await b.sync()).pulled).toBe(published.pushed)

    const watchedA = await watchedSync(a, 'alice')
    const watchedB = await watchedSync(b, 'bob')
    try {
      // A's own pushes come back in the feed: as ids and revisions, none of them fetched again.
      expect((await watchedA.sync.round()).pulled).toBe(0)
      expect(watchedA.client.fetchedDocs()).toEqual([])
      expect(watchedA.client.requests.some((r) => r.path.includes('include_docs=true'))).toBe(false)
      expect(watchedA.client.sentDocs()).toEqual([])

      await a.service.updateAnnotation({ articleId: CONSULTATIONS, id: ids[17]!, note: 'changed once' })
      expect(await watchedA.sync.pending()).toEqual([`highlight:${ids[17]}`])
      const stateBefore = await readFile(join(a.dir, 'team', 'state.json'), 'utf8')
      const logBefore = await readFile(join(a.dir, 'team', 'state.log'), 'utf8').catch(() => '')
      const sent = await watchedA.sync.round()
      expect(sent.pushed).toBe(1)
      expect(watchedA.client.sentDocs()).toEqual([`highlight:${ids[17]}`])
      // The state: the checkpoint untouched, one line more in its log, and read back as the sync holds it.
      expect(await readFile(join(a.dir, 'team', 'state.json'), 'utf8')).toBe(stateBefore)
      const logAfter = await readFile(join(a.dir, 'team', 'state.log'), 'utf8')
      expect(logAfter.startsWith(logBefore)).toBe(true)
      expect(logAfter.slice(logBefore.length).trim().split('\n')).toHaveLength(1)
      const reread = (await readTeamState(a.dir))!
      expect(reread.known).toEqual(watchedA.sync.state.known)
      expect(reread.since).toBe(watchedA.sync.state.since)

      const received = await watchedB.sync.round()
      expect(received.pulled).toBe(1)
      expect(watchedB.client.fetchedDocs()).toEqual([`highlight:${ids[17]}`])
      expect((await b.highlights()).find((h) => h.id === ids[17])?.note).toBe('changed once')
      // Nothing changed since: a round sends nothing, fetches nothing and writes nothing.
      const quietLog = await readFile(join(b.dir, 'team', 'state.log'), 'utf8')
      const before = watchedB.client.requests.length
      expect(await watchedB.sync.round()).toEqual({ pushed: 0, pulled: 0, merged: 0, skipped: 0, refused: 0 })
      expect(watchedB.client.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([])
      expect(await readFile(join(b.dir, 'team', 'state.log'), 'utf8')).toBe(quietLog)
    } finally {
      watchedA.close()
      watchedB.close()
    }
  })
})

describe('a first sync takes what it wrote from its own commits', { timeout: 180_000 }, () => {
  it('holds the same view of the library as reading it from disk, with nothing pending, and still sees a later edit', async () => {
    const db = `adopted-${process.pid}`
    const a = await teamLibrary('alice', { samples: true })
    await initTeam(a.service.libraryStore, { url: server().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    const text = bodyText((await a.service.getArticle({ id: CONSULTATIONS })).blocks)
    for (let i = 0; i < 12; i++) await a.service.createAnnotation({ articleId: CONSULTATIONS, start: i * 11, end: i * 11 + 9, color: 'yellow', note: `ghi chú ${i} ${text.slice(0, 3)}` })
    await a.sync()
    const b = await teamLibrary('bob')
    await connectTeam(b.service.libraryStore, { url: server().url, db, user: 'bob', password: PASSWORDS['bob']! })
    const watched = await watchedSync(b, 'bob')
    const fromDisk = new LocalRecords(b.service.libraryStore)
    try {
      expect((await watched.sync.round()).pulled).toBeGreaterThan(12)
      // The records taken from the commits (articles and highlight lists) are what reading the library gives.
      expect(await watched.sync.pending()).toEqual([])
      await fromDisk.refresh()
      expect(new Map(watched.sync.local.entries)).toEqual(new Map(fromDisk.entries))
      expect(watched.sync.local.entries.size).toBeGreaterThan(12)
      // An edit committed after the sync's own commits is read from disk: pending, and sent.
      const [first] = await b.highlights()
      await b.service.updateAnnotation({ articleId: first!.articleId, id: first!.id, note: 'sửa sau' })
      expect(await watched.sync.pending()).toEqual([`highlight:${first!.id}`])
      expect((await watched.sync.round()).pushed).toBe(1)
    } finally {
      fromDisk.close()
      watched.close()
    }
  })
})

describe('a record sync wrote, then deleted before the next look', { timeout: 180_000 }, () => {
  it('stays deleted: the deletion is pending and reaches the team', async () => {
    const db = `adopted-deleted-${process.pid}`
    const a = await teamLibrary('alice', { samples: true })
    await initTeam(a.service.libraryStore, { url: server().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    await a.sync()
    const b = await teamLibrary('bob')
    await connectTeam(b.service.libraryStore, { url: server().url, db, user: 'bob', password: PASSWORDS['bob']! })
    const watched = await watchedSync(b, 'bob')
    try {
      expect((await watched.sync.round()).pulled).toBeGreaterThan(0)
      // Deleted straight after the round that wrote it, before sync looks at the library again.
      await b.service.libraryStore.deleteArticle(CONSULTATIONS)
      expect(await watched.sync.pending()).toEqual([`article:${CONSULTATIONS}`])
      await watched.sync.round()
      expect(await watched.sync.pending()).toEqual([])
      await a.sync()
      expect(a.service.libraryStore.hasArticle(CONSULTATIONS)).toBe(false)
    } finally {
      watched.close()
    }
  })
})

describe('the team state as a checkpoint and a log', () => {
  it('replays whole lines of the current generation over the checkpoint, stopping at a line cut short', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'team-state-'))
    try {
      const state = { ...newTeamState({ server: 'http://127.0.0.1:5984', db: 'desk', user: 'bob', ca: null }), known: new Map([['highlight:an_0000000000000001', ['1-a', 'h1', 'bob'] as [string, string, string]]]) }
      await writeTeamState(dir, state)
      const first = (await readTeamState(dir))!
      expect(first.known).toEqual(state.known)
      await appendTeamState(dir, state, { since: '7', lastSync: null, known: { 'highlight:an_0000000000000002': ['1-b', 'h2', 'bob'], 'highlight:an_0000000000000001': null } })
      await appendTeamState(dir, state, { since: '9', lastSync: '2026-12-07T12:00:00.000Z', known: { 'theme:tg_0000000000000003': ['2-c', 'h3', 'alice'] }, skipped: { x: 'not a record id' }, conflicts: {} })
      // A line cut short by a crash, and what would follow it, are not replayed.
      await appendFile(join(dir, 'team', 'state.log'), '{"g":1,"since":"12","lastSync":null,"known":{"theme:tg_00')
      const replayed = (await readTeamState(dir))!
      expect(replayed.since).toBe('9')
      expect(replayed.lastSync).toBe('2026-12-07T12:00:00.000Z')
      expect(replayed.known).toEqual(new Map([['highlight:an_0000000000000002', ['1-b', 'h2', 'bob']], ['theme:tg_0000000000000003', ['2-c', 'h3', 'alice']]]))
      expect(replayed.skipped).toEqual({ x: 'not a record id' })

      // A new checkpoint (a fold) removes the log; a log of an earlier generation left by a crash is not replayed over it.
      const oldLog = await readFile(join(dir, 'team', 'state.log'), 'utf8')
      await writeTeamState(dir, replayed)
      await writeFile(join(dir, 'team', 'state.log'), oldLog.replace('"since":"9"', '"since":"1"'))
      expect((await readTeamState(dir))!.since).toBe('9')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
