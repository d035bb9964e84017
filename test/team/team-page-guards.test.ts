import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../src/common/model/article'
import { buildArticle } from '../../src/node/library/build-article'
import { pageImageBlob, type PageImageBlob } from '../../src/node/store/article-assets'
import { connectTeam, initTeam, teamStatus } from '../../src/node/team/team-connection'
import { pageImageDocId } from '../../src/node/team/team-page-images'
import { cliInProcess } from '../cli-runner'
import { PASSWORDS, teamLibrary, useTeamServer, type TeamLibrary } from './team-library'

/**
 * Page images that do not travel (docs/team.md#page-images), against the real test server: a
 * member who writes other bytes under an image's id first (the sender notices, the admin removes
 * them, the true bytes go and reach colleagues); a group of articles whose images arrive one by
 * one, one of them bad; a fetch that fails with a server error or a cut connection (the article
 * lands, the image is fetched again next round). The test server's fault switch
 * (TEAM_SERVER_TEST_FAULTS, scripts/team-server.ts) makes the failures.
 */
process.env['TEAM_SERVER_TEST_FAULTS'] = '1'
const serverOf = useTeamServer(['bob', 'eve'])
let dbCount = 0

function pageBytes(text: string, format: 'webp' | 'png' = 'webp'): Uint8Array {
  const canvas = createCanvas(200, 280)
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, 200, 280)
  context.fillStyle = '#000'
  context.font = '16px sans-serif'
  context.fillText(text, 10, 40)
  return new Uint8Array(format === 'webp' ? canvas.encodeSync('webp', 80) : canvas.encodeSync('png'))
}

async function scannedArticle(text: string, pages: readonly Uint8Array[]): Promise<{ article: Article; blobs: PageImageBlob[] }> {
  const built = buildArticle(text, { origin: { kind: 'file', name: 'scan.png' }, importedAt: new Date('2026-12-07T08:00:00Z') })!
  const blobs = await Promise.all(pages.map((bytes, at) => pageImageBlob({ page: at + 1, type: 'image/webp', width: 200, height: 280, bytes })))
  const article: Article = { ...built, ocr: { languages: ['vie'], meanConfidence: 90, pages: blobs.map((blob) => blob.ref.page), lowConfidence: [], pageImages: blobs.map((blob) => blob.ref) } }
  return { article, blobs }
}

async function addScanned(library: TeamLibrary, scanned: { article: Article; blobs: PageImageBlob[] }): Promise<void> {
  await library.service.libraryStore.update({}, () => ({ writes: { articles: [scanned.article], pageImages: new Map([[scanned.article.id, scanned.blobs]]) }, value: undefined }))
}

async function pageOf(library: TeamLibrary, id: string, page: number): Promise<Buffer | 'notReceived' | null> {
  const image = await library.service.articlePageImage({ id, page })
  if (image === null) return null
  return 'notReceived' in image ? 'notReceived' : Buffer.from(image.base64, 'base64')
}

async function team(): Promise<{ db: string; alice: TeamLibrary; bob: TeamLibrary }> {
  const db = `guards-${process.pid}-${++dbCount}`
  const alice = await teamLibrary('alice')
  await initTeam(alice.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob', 'eve'])
  const bob = await teamLibrary('bob')
  await connectTeam(bob.service.libraryStore, { url: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']! })
  return { db, alice, bob }
}

/** An HTTP request to the team server as a user (not the admin): what a hostile member can do with their own credentials. */
async function asUser(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(serverOf().url + path, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${user}:${PASSWORDS[user]!}`).toString('base64')}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

async function syncLog(library: TeamLibrary): Promise<string> {
  return readFile(join(library.dir, 'team', 'sync-log.txt'), 'utf8')
}

describe('page images that do not travel', { timeout: 240_000 }, () => {
  it('a member who sends other bytes under an image’s id first: the sender reports it, the admin removes them, the true image goes and reaches a colleague', async () => {
    const { db, alice, bob } = await team()
    const truth = pageBytes('Trang thật')
    const scanned = await scannedArticle('Hà Nội (TTXVN) - Công hàm trao đổi về hợp tác nghề cá.', [truth])
    const ref = scanned.blobs[0]!.ref
    const docId = pageImageDocId(ref.asset)
    await addScanned(alice, scanned)

    // Eve, a member, learns the digest and writes other bytes (a real image, of another page) under it first.
    const forged = pageBytes('Trang giả mạo, dài hơn một chút')
    const written = await asUser('eve', 'PUT', `/${db}/${encodeURIComponent(docId)}`, {
      kind: 'page',
      author: 'eve',
      changedBy: 'eve',
      changedAt: new Date().toISOString(),
      record: { id: ref.asset, type: ref.type, bytes: forged.length },
      _attachments: { image: { content_type: ref.type, data: Buffer.from(forged).toString('base64') } },
    })
    expect(written.status).toBe(201)

    // Alice's round sends the article; it finds the id taken with other bytes, and says so.
    await alice.sync()
    expect(await syncLog(alice)).toContain(`the server holds other bytes under the page image ${docId} (page 1 of article ${scanned.article.id}: ${forged.length.toLocaleString('en')} bytes there, ${truth.length.toLocaleString('en')} here)`)
    const aliceStatus = await teamStatus(alice.service.libraryStore)
    expect(Object.keys(aliceStatus!.pageImages.notSent)).toEqual([docId])
    const statusLine = await cliInProcess(['--data-dir', alice.dir, 'team', 'status'])
    expect(statusLine.code).toBe(0)
    expect(statusLine.stdout).toContain('Page images the server holds with other bytes')
    expect(statusLine.stdout).toContain(docId)

    // Bob gets the article, not the forged image: named as not received, and the reader says why.
    await bob.sync()
    expect((await bob.service.getArticle({ id: scanned.article.id })).title).toBe(scanned.article.title)
    expect(await pageOf(bob, scanned.article.id, 1)).toBe('notReceived')
    // (Longer than the article says: cut off as it came.)
    expect((await teamStatus(bob.service.libraryStore))!.pageImages.notReceived[docId]!.reason).toBe('team.pageImage.tooLarge')

    // A member may not remove a page image (to write other bytes again): only an admin of the team.
    const rev = ((await asUser('eve', 'GET', `/${db}/${encodeURIComponent(docId)}`)).body as { _rev: string })._rev
    expect((await asUser('eve', 'DELETE', `/${db}/${encodeURIComponent(docId)}?rev=${rev}`)).status).toBe(403)
    // Alice, the team's admin, removes it with the CLI (while her library is open: it only asks the server).
    const removed = await cliInProcess(['--data-dir', alice.dir, 'team', 'pages', 'remove', docId], { BRIEFING_TEAM_PASSWORD: PASSWORDS['alice']! })
    expect(removed.stderr).toBe('')
    expect(removed.code).toBe(0)
    expect(removed.stdout).toContain(`The page image ${docId} was removed`)

    // Alice's next round sends the true bytes; bob's next round fetches them.
    await alice.sync()
    expect(await syncLog(alice)).toContain(`the page image ${docId} was sent again, with its true bytes`)
    expect((await teamStatus(alice.service.libraryStore))!.pageImages.notSent).toEqual({})
    await bob.sync()
    expect(await pageOf(bob, scanned.article.id, 1)).toEqual(Buffer.from(truth))
    const bobStatus = await teamStatus(bob.service.libraryStore)
    expect(bobStatus!.pageImages.notReceived).toEqual({})
    expect(Object.keys(bobStatus!.skipped)).not.toContain(docId)
    expect(await syncLog(bob)).toContain(`the page image ${docId} was received after all`)
  })

  it('a group of scanned articles lands whole, each image written as it arrives; the one bad image is skipped and named', async () => {
    const { db, alice, bob } = await team()
    const scans = []
    for (let at = 0; at < 4; at++) {
      const scanned = await scannedArticle(`Hà Nội (TTXVN) - Bản tin số ${at + 1} về hợp tác kinh tế song phương.`, [pageBytes(`Bài ${at + 1}, trang một`), pageBytes(`Bài ${at + 1}, trang hai`)])
      await addScanned(alice, scanned)
      scans.push(scanned)
    }
    await alice.sync()
    // One image of the third article is replaced on the server (as a server admin could) by the bytes of another.
    const bad = scans[2]!.blobs[1]!.ref
    const badId = pageImageDocId(bad.asset)
    const current = (await serverOf().admin_('GET', `/${db}/${encodeURIComponent(badId)}`)).body as { _rev: string }
    const other = pageBytes('Không phải trang này')
    const replaced = await serverOf().admin_('PUT', `/${db}/${encodeURIComponent(badId)}`, {
      _rev: current._rev,
      kind: 'page',
      author: 'alice',
      changedBy: 'admin',
      changedAt: new Date().toISOString(),
      record: { id: bad.asset, type: bad.type, bytes: other.length },
      _attachments: { image: { content_type: bad.type, data: Buffer.from(other).toString('base64') } },
    })
    expect(replaced.status).toBe(201)

    const report = await bob.sync()
    expect(report.skipped).toBe(1)
    for (const scanned of scans) {
      expect((await bob.service.getArticle({ id: scanned.article.id })).title).toBe(scanned.article.title)
      for (const blob of scanned.blobs) {
        if (blob.ref.asset === bad.asset) continue
        expect(await pageOf(bob, scanned.article.id, blob.ref.page)).toEqual(Buffer.from(blob.bytes))
        // Both copies, as the store writes any asset.
        expect(await readFile(join(bob.dir, 'mirror', 'assets', scanned.article.id, `${blob.ref.asset}.webp`))).toEqual(Buffer.from(blob.bytes))
      }
    }
    expect(await pageOf(bob, scans[2]!.article.id, 2)).toBe('notReceived')
    expect((await readdir(join(bob.dir, 'assets', scans[2]!.article.id))).sort()).toEqual([`${scans[2]!.blobs[0]!.ref.asset}.webp`])
    const status = await teamStatus(bob.service.libraryStore)
    expect(Object.keys(status!.pageImages.notReceived)).toEqual([badId])
    expect(Object.keys(status!.skipped)).toEqual([badId])
    // Nothing was reported lost: the reader asked the team's notes first.
    expect((await bob.service.libraryStatus()).recovery).toEqual([])
  })

  it('an image whose fetch fails (a server error, a cut connection) does not stop the round: the article lands, the image is pending and fetched next round', async () => {
    const { alice, bob } = await team()
    const pages = [pageBytes('Trang một'), pageBytes('Trang hai'), pageBytes('Trang ba')]
    const scanned = await scannedArticle('Hà Nội (TTXVN) - Biên bản cuộc họp nhóm công tác hỗn hợp.', pages)
    await addScanned(alice, scanned)
    await alice.sync()
    const [first, second] = scanned.blobs.map((blob) => blob.ref.asset) as [string, string]
    await serverOf().admin_('POST', '/_test/faults', { match: first, count: 1000, kind: 'status500' })
    await serverOf().admin_('POST', '/_test/faults', { match: second, count: 1000, kind: 'reset' })
    try {
      await bob.sync()
    } finally {
      await serverOf().admin_('DELETE', '/_test/faults')
    }
    expect((await bob.service.getArticle({ id: scanned.article.id })).title).toBe(scanned.article.title)
    expect(await pageOf(bob, scanned.article.id, 3)).toEqual(Buffer.from(pages[2]!))
    expect(await pageOf(bob, scanned.article.id, 1)).toBe('notReceived')
    expect(await pageOf(bob, scanned.article.id, 2)).toBe('notReceived')
    const status = await teamStatus(bob.service.libraryStore)
    const waiting = status!.pageImages.notReceived
    expect(Object.keys(waiting).sort()).toEqual([pageImageDocId(first), pageImageDocId(second)].sort())
    expect(Object.values(waiting).map((entry) => entry.reason)).toEqual(['team.pageImage.failed', 'team.pageImage.failed'])
    // Pending, not skipped: it is asked for again.
    expect(status!.skipped).toEqual({})
    expect(await syncLog(bob)).toContain(`the page image ${pageImageDocId(first)} (page 1 of article ${scanned.article.id}) could not be fetched`)
    const cli = await cliInProcess(['--data-dir', bob.dir, 'team', 'status'])
    expect(cli.stdout).toContain('Page images not received yet')
    expect(cli.stdout).toContain(pageImageDocId(second))

    // The server answers again: the next round fetches both, and nothing is left pending.
    await bob.sync()
    expect(await pageOf(bob, scanned.article.id, 1)).toEqual(Buffer.from(pages[0]!))
    expect(await pageOf(bob, scanned.article.id, 2)).toEqual(Buffer.from(pages[1]!))
    expect((await teamStatus(bob.service.libraryStore))!.pageImages.notReceived).toEqual({})
  })
})
