import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { BOTH_KEPT_SEPARATOR } from '../../src/common/team/merge-records'
import { connectTeam, initTeam, teamStatus } from '../../src/node/team/team-connection'
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

describe('team sync', () => {
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
})
