import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import type { Article, PageImageRef } from '../../src/common/model/article'
import { buildArticle } from '../../src/node/library/build-article'
import { pageImageBlob, sha256Hex, writeArticleAssets, type PageImageBlob } from '../../src/node/store/article-assets'
import { connectTeam, initTeam, teamStatus } from '../../src/node/team/team-connection'
import { translate } from '../../src/common/i18n/translate'
import { CouchClient } from '../../src/node/team/couch-client'
import { MAX_PAGE_IMAGE_BYTES, pageImageDocId, TeamPageImages } from '../../src/node/team/team-page-images'
import { cliInProcess } from '../cli-runner'
import { PASSWORDS, teamLibrary, useTeamServer, type TeamLibrary } from './team-library'

/**
 * Page images of scanned articles travel with the team (docs/team.md#page-images): alice's
 * library holds an article recognised by OCR with its page images (written through the store's
 * update, as the import writes them), syncs; bob's library pulls, and reads the same bytes
 * through the API. Hostile images written straight into the server are skipped, logged and
 * never written into bob's library. Real server process, real libraries.
 */
const serverOf = useTeamServer(['bob'])
let dbCount = 0

/** A page drawn and encoded as the OCR import keeps it (WebP), or as PNG/JPEG. */
function pageBytes(text: string, format: 'webp' | 'png' | 'jpeg' = 'webp'): Uint8Array {
  const canvas = createCanvas(240, 340)
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, 240, 340)
  context.fillStyle = '#000'
  context.font = '16px sans-serif'
  context.fillText(text, 12, 40)
  return new Uint8Array(format === 'webp' ? canvas.encodeSync('webp', 80) : format === 'png' ? canvas.encodeSync('png') : canvas.encodeSync('jpeg', 80))
}

async function scannedArticle(text: string, pages: readonly { bytes: Uint8Array; type: PageImageRef['type'] }[]): Promise<{ article: Article; blobs: PageImageBlob[] }> {
  const built = buildArticle(text, { origin: { kind: 'file', name: 'scan.png' }, importedAt: new Date('2026-12-07T08:00:00Z') })!
  const blobs = await Promise.all(pages.map((page, at) => pageImageBlob({ page: at + 1, type: page.type, width: 240, height: 340, bytes: page.bytes })))
  const article: Article = { ...built, ocr: { languages: ['vie'], meanConfidence: 91, pages: blobs.map((blob) => blob.ref.page), lowConfidence: [], pageImages: blobs.map((blob) => blob.ref) } }
  return { article, blobs }
}

/** Writes an article with its page images through the store's update, as an OCR import does (import-sink.ts). */
async function addScanned(library: TeamLibrary, scanned: { article: Article; blobs: PageImageBlob[] }): Promise<void> {
  await library.service.libraryStore.update({}, () => ({ writes: { articles: [scanned.article], pageImages: new Map([[scanned.article.id, scanned.blobs]]) }, value: undefined }))
}

async function pageOf(library: TeamLibrary, id: string, page: number): Promise<Buffer | null> {
  const image = await library.service.articlePageImage({ id, page })
  return image === null || !('base64' in image) ? null : Buffer.from(image.base64, 'base64')
}

async function team(): Promise<{ db: string; alice: TeamLibrary; bob: TeamLibrary }> {
  const db = `pages-${process.pid}-${++dbCount}`
  const alice = await teamLibrary('alice')
  await initTeam(alice.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
  const bob = await teamLibrary('bob')
  await connectTeam(bob.service.libraryStore, { url: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']! })
  return { db, alice, bob }
}

async function assetNames(library: TeamLibrary, articleId: string): Promise<string[]> {
  return (await readdir(join(library.dir, 'assets', articleId)).catch(() => [] as string[])).sort()
}

describe('page images with the team', { timeout: 120_000 }, () => {
  it('a scanned article’s page images reach a colleague, who reads the same bytes; each image is one document, sent once', async () => {
    const { db, alice, bob } = await team()
    const first = pageBytes('Trang một')
    const second = pageBytes('Trang hai', 'png')
    const scanned = await scannedArticle('Hà Nội (TTXVN) - Hai bên đã trao đổi công hàm về hợp tác biển.', [{ bytes: first, type: 'image/webp' }, { bytes: second, type: 'image/png' }])
    await addScanned(alice, scanned)
    // A second article with the same first page: the image is one document on the server.
    const again = await scannedArticle('Hà Nội (TTXVN) - Bản sao thứ hai của công hàm, quét lại.', [{ bytes: first, type: 'image/webp' }])
    await addScanned(alice, again)
    await alice.sync()

    const pagesOnServer = async () => {
      const all = (await serverOf().admin_('GET', `/${db}/_all_docs`)).body as { rows: { id: string; value: { rev: string } }[] }
      return all.rows.filter((row) => row.id.startsWith('page:')).map((row) => [row.id, row.value.rev])
    }
    const sent = await pagesOnServer()
    expect(sent.map(([id]) => id).sort()).toEqual([pageImageDocId(scanned.blobs[0]!.ref.asset), pageImageDocId(scanned.blobs[1]!.ref.asset)].sort())

    const report = await bob.sync()
    expect(report.skipped).toBe(0)
    expect(await pageOf(bob, scanned.article.id, 1)).toEqual(Buffer.from(first))
    expect(await pageOf(bob, scanned.article.id, 2)).toEqual(Buffer.from(second))
    expect(await pageOf(bob, again.article.id, 1)).toEqual(Buffer.from(first))
    // Written by the store, both copies, under names it builds from the article and the digest.
    expect(await assetNames(bob, scanned.article.id)).toEqual(scanned.blobs.map((blob) => `${blob.ref.asset}.${blob.ref.type === 'image/png' ? 'png' : 'webp'}`).sort())
    expect(await readFile(join(bob.dir, 'mirror', 'assets', scanned.article.id, `${scanned.blobs[0]!.ref.asset}.webp`))).toEqual(Buffer.from(first))
    expect(await bob.shared()).toEqual(await alice.shared())

    // A new revision of the article goes out again; its images do not (their documents are unchanged).
    await alice.service.updateArticleMetadata({ id: scanned.article.id, title: 'Công hàm về hợp tác biển (bản quét)', source: '', url: '', published: '', language: 'vi' })
    expect((await alice.sync()).pushed).toBe(1)
    expect(await pagesOnServer()).toEqual(sent)
    await bob.sync()
    expect((await bob.service.getArticle({ id: scanned.article.id })).title).toBe('Công hàm về hợp tác biển (bản quét)')
    expect(await pageOf(bob, scanned.article.id, 2)).toEqual(Buffer.from(second))
  })

  it('hostile page images on the server (wrong digest, too large, not an image, absent) are skipped and logged; the article lands without them', async () => {
    const { db, alice, bob } = await team()
    // A good scanned article from alice first: bob's library must come through untouched.
    const good = await scannedArticle('Hà Nội (TTXVN) - Thông cáo báo chí chung về thương mại.', [{ bytes: pageBytes('Tốt'), type: 'image/webp' }])
    await addScanned(alice, good)
    await alice.sync()

    // Written straight into the server by a member: an article naming four page images, each bad in its own way.
    const honest = pageBytes('Một trang thật')
    const other = pageBytes('Một trang khác')
    const text = new TextEncoder().encode('<script>alert(1)</script> not an image at all, but named as a PNG')
    const big = pageBytes('Lớn hơn khai báo', 'png')
    const refs: PageImageRef[] = [
      // 1: the bytes of another image under this digest.
      { page: 1, type: 'image/webp', asset: await sha256Hex(honest), width: 240, height: 340, bytes: other.length },
      // 2: more bytes than the article says (the download is cut off at its size).
      { page: 2, type: 'image/png', asset: await sha256Hex(big.subarray(0, 64)), width: 240, height: 340, bytes: 64 },
      // 3: text whose digest is right, but which is not an image.
      { page: 3, type: 'image/png', asset: await sha256Hex(text), width: 240, height: 340, bytes: text.length },
      // 4: larger than any page image may be: never asked for.
      { page: 4, type: 'image/webp', asset: 'f'.repeat(64), width: 240, height: 340, bytes: MAX_PAGE_IMAGE_BYTES + 1 },
      // 5: on no server at all.
      { page: 5, type: 'image/jpeg', asset: 'e'.repeat(64), width: 240, height: 340, bytes: 1000 },
    ]
    const hostile = await scannedArticle('Hà Nội (TTXVN) - Một bài có ảnh trang giả mạo.', [])
    const record: Article = { ...hostile.article, ocr: { ...hostile.article.ocr!, pages: [1, 2, 3, 4, 5], pageImages: refs } }
    const page = (ref: PageImageRef, bytes: Uint8Array) => ({
      _id: pageImageDocId(ref.asset),
      kind: 'page',
      author: 'alice',
      changedBy: 'alice',
      changedAt: new Date().toISOString(),
      record: { id: ref.asset, type: ref.type, bytes: bytes.length },
      _attachments: { image: { content_type: ref.type, data: Buffer.from(bytes).toString('base64') } },
    })
    const docs = [
      page(refs[0]!, other),
      page(refs[1]!, big),
      page(refs[2]!, text),
      { _id: `article:${record.id}`, kind: 'article', author: 'alice', changedBy: 'alice', changedAt: new Date().toISOString(), record },
    ]
    const written = (await serverOf().admin_('POST', `/${db}/_bulk_docs`, { docs })).body as { id: string; error?: string }[]
    expect(written.filter((result) => result.error !== undefined)).toEqual([])

    const report = await bob.sync()
    expect(report.skipped).toBe(5)
    // The article is there, its text whole; none of its pages is, and nothing was written for them.
    expect((await bob.service.getArticle({ id: record.id })).title).toBe(record.title)
    expect(await assetNames(bob, record.id)).toEqual([])
    // The good article and its page came through.
    expect(await pageOf(bob, good.article.id, 1)).toEqual(Buffer.from(good.blobs[0]!.bytes))
    // Each skip is a line of the sync log in the user's language, and named in team status.
    const log = await readFile(join(bob.dir, 'team', 'sync-log.txt'), 'utf8')
    expect(log).toContain(`the image of page 1 of article ${record.id} is not the one its name (its SHA-256) stands for`)
    expect(log).toContain(`the image of page 2 of article ${record.id} is larger than its article says`)
    expect(log).toContain(`the image of page 3 of article ${record.id} is not an image of the type its article names (image/png)`)
    expect(log).toContain(`the image of page 4 of article ${record.id} is larger than its article says, or than 8 MB`)
    expect(log).toContain(`the image of page 5 of article ${record.id} is not on the server`)
    // `team status` names each with its reason alone, and the type the article names.
    const cli = await cliInProcess(['--data-dir', bob.dir, 'team', 'status'])
    expect(cli.stdout).toContain(`page 3 of article ${record.id}: it is not an image of the type its article names (image/png)`)
    expect(cli.stdout).toContain(`page 4 of article ${record.id}: it is larger than its article says, or than 8 MB`)
    const status = await teamStatus(bob.service.libraryStore)
    expect(Object.keys(status!.skipped).sort()).toEqual(refs.map((ref) => pageImageDocId(ref.asset).slice(0, 80)).sort())
    // Nothing of it is pending: bob's library agrees with the server on the article as it was sent.
    expect(status!.pending).toBe(0)
    // Alice's library meets the same documents and skips them the same way: both converge.
    await alice.sync()
    expect(await bob.shared()).toEqual(await alice.shared())
  })

  it('a page document with a hostile revision, and a damaged notes file, do not stop the rounds', async () => {
    const { db, bob } = await team()
    await bob.sync()
    // A notes file its schema refuses (a length written as null, as JSON writes Infinity): taken as empty, then rewritten.
    await mkdir(join(bob.dir, 'team'), { recursive: true })
    await writeFile(join(bob.dir, 'team', 'page-images.json'), JSON.stringify({ schemaVersion: 1, notReceived: {}, notSent: { ['a'.repeat(64)]: { article: 'x', page: 1, serverLength: null, serverDigest: '', length: 1 } } }))

    // Written straight into the server (as replication may, new_edits false): an image under a revision far longer than
    // any CouchDB makes, whose bytes are not the image's, and an article naming it.
    const honest = pageBytes('Trang thật')
    const other = pageBytes('Trang khác')
    const ref: PageImageRef = { page: 1, type: 'image/webp', asset: await sha256Hex(honest), width: 240, height: 340, bytes: other.length }
    const hostile = await scannedArticle('Hà Nội (TTXVN) - Một bài có ảnh với phiên bản giả.', [])
    const record: Article = { ...hostile.article, ocr: { ...hostile.article.ocr!, pages: [1], pageImages: [ref] } }
    const longRev = `1-${'ab'.repeat(150)}`
    const image = {
      _id: pageImageDocId(ref.asset),
      _rev: longRev,
      kind: 'page',
      author: 'alice',
      changedBy: 'alice',
      changedAt: new Date().toISOString(),
      record: { id: ref.asset, type: ref.type, bytes: other.length },
      _attachments: { image: { content_type: ref.type, data: Buffer.from(other).toString('base64') } },
    }
    const forged = await serverOf().admin_('POST', `/${db}/_bulk_docs`, { docs: [image], new_edits: false })
    expect(forged.status).toBeLessThan(300)
    const stored = (await serverOf().admin_('GET', `/${db}/${encodeURIComponent(image._id)}`)).body as { _rev?: string }
    expect(stored._rev).toBe(longRev)
    const article = { _id: `article:${record.id}`, kind: 'article', author: 'alice', changedBy: 'alice', changedAt: new Date().toISOString(), record }
    expect((await serverOf().admin_('POST', `/${db}/_bulk_docs`, { docs: [article] })).status).toBeLessThan(300)

    // The round finishes, the bad image is noted (without the revision, which no schema holds), and the next round too.
    const report = await bob.sync()
    expect(report.skipped).toBe(1)
    expect((await bob.service.getArticle({ id: record.id })).title).toBe(record.title)
    const status = await teamStatus(bob.service.libraryStore)
    expect(status!.pageImages.notSent).toEqual({})
    expect(status!.pageImages.notReceived[pageImageDocId(ref.asset)]).toMatchObject({ reason: 'team.pageImage.wrongDigest', rev: null })
    await bob.sync()
    expect((await teamStatus(bob.service.libraryStore))!.pageImages.notReceived[pageImageDocId(ref.asset)]?.reason).toBe('team.pageImage.wrongDigest')
  })

  it('an incoming article whose images are already whole (a round cut short) keeps them through the asset sweep until its commit', async () => {
    const { db, alice, bob } = await team()
    const scanned = await scannedArticle('Hà Nội (TTXVN) - Bản tin có ảnh trang đã nhận ở vòng trước.', [{ bytes: pageBytes('Trang một'), type: 'image/webp' }])
    await addScanned(alice, scanned)
    await alice.sync()
    // An earlier round wrote the image and was cut short before the article's commit.
    await writeArticleAssets(bob.dir, scanned.article.id, scanned.blobs)
    const expected = [`${scanned.blobs[0]!.ref.asset}.webp`]
    const store = bob.service.libraryStore
    const images = new TeamPageImages({
      store,
      client: new CouchClient({ url: serverOf().url, credentials: { user: 'bob', password: PASSWORDS['bob']! } }),
      db: () => db,
      say: (key, params) => translate('en', key, params),
      now: () => new Date(),
      skip: async () => undefined,
      received: () => undefined,
      refused: async () => undefined,
      log: async () => undefined,
    })
    // Between the fetches and the commit, the sweep (run after open) leaves the article's folder alone...
    const release = await images.receive([scanned.article])
    await store.checkAssets()
    expect(await assetNames(bob, scanned.article.id)).toEqual(expected)
    // ...and, once released, removes it (the article was never committed here): the sweep is real.
    release()
    await store.checkAssets()
    expect(await assetNames(bob, scanned.article.id)).toEqual([])
  })

  it('a page image that is here is shown, even when a note left from an earlier round says it was not received', async () => {
    const { alice } = await team()
    const scanned = await scannedArticle('Hà Nội (TTXVN) - Bản tin có ảnh trang đã đến.', [{ bytes: pageBytes('Đã đến'), type: 'image/webp' }])
    await addScanned(alice, scanned)
    const note = { articles: [scanned.article.id], page: 1, reason: 'team.pageImage.failed', rev: null }
    await writeFile(join(alice.dir, 'team', 'page-images.json'), JSON.stringify({ schemaVersion: 1, notReceived: { [scanned.blobs[0]!.ref.asset]: note }, notSent: {} }))
    expect(await pageOf(alice, scanned.article.id, 1)).toEqual(Buffer.from(scanned.blobs[0]!.bytes))
  })
})
