import { createHash } from 'node:crypto'
import { AppError } from '../../common/errors'
import { MAX_PAGE_IMAGE_BYTES, MAX_PAGE_IMAGE_MB } from '../../common/team/page-image-reasons'
import type { Article, PageImageRef, PageImageType } from '../../common/model/article'
import { assetPath, holdArrivingAssets, readAssetForBackup, sha256Hex, writeArticleAssets } from '../store/article-assets'
import type { LibraryStore } from '../store/library-store'
import { AnswerTooLarge, CouchError, dbPath, type CouchClient, type CouchFailure } from './couch-client'
import { readPageNotes, writePageNotes, type NotReceivedReason, type PageNotes } from './team-page-notes'
import type { Say } from './team-sync'

/**
 * The page images of scanned articles (article-assets.ts), shared with the team
 * (docs/team.md#page-images). One document per image, named by the SHA-256 of its bytes:
 *
 *   { _id: "page:<sha256>", kind: "page", author, changedBy, changedAt,
 *     record: { id: "<sha256>", type: "image/webp", bytes: 183204 },
 *     _attachments: { image: { content_type: "image/webp", … } } }
 *
 * Content-addressed, so a document never changes (the design document refuses a change), two
 * articles or two desks with the same page share one, and an image goes to the server once: its
 * document is created, or found there already (a 409 says so). The article's record names its
 * images (`ocr.pageImages`), so the images of an article go out before the article's document
 * does: a colleague who receives the article finds them on the server, and fetches them with it.
 * Only images an article being sent names are ever read and sent: nothing else of the library's
 * assets leaves the machine.
 *
 * An incoming image is untrusted bytes: it is asked for by a digest the (validated) article
 * names, never by anything the server lists; cut off past its announced size (and never above
 * MAX_PAGE_IMAGE_BYTES); kept only when its first bytes are a WebP, PNG or JPEG of the type the
 * article names and its SHA-256 is its name. The path it is written to is the store's
 * (`assets/<article id>/<digest>.<ext>`), built from the article id and the digest. One that
 * fails is skipped with its reason (sync log, `team status`); the article lands without it.
 */
export const PAGE_DOC_PREFIX = 'page:'
export { MAX_PAGE_IMAGE_BYTES }
const ATTACHMENT = 'image'
/** Page images sent in one `_bulk_docs` request at most (base64 in JSON). */
const SEND_BYTES = 4 * 1024 * 1024
const DIGEST = /^[0-9a-f]{64}$/
/** A CouchDB revision as stored in the notes (its schema caps the length). */
const REV = /^\d{1,20}-[0-9a-f]{1,64}$/

export function isPageImageDocId(id: string): boolean {
  return id.startsWith(PAGE_DOC_PREFIX)
}

export function pageImageDocId(digest: string): string {
  return `${PAGE_DOC_PREFIX}${digest}`
}

/** The image type the first bytes say (WebP: RIFF….WEBP; PNG: its 8-byte signature; JPEG: FF D8 FF), or null. */
export function sniffImageType(bytes: Uint8Array): PageImageType | null {
  const starts = (offset: number, signature: readonly number[]) => signature.every((byte, at) => bytes[offset + at] === byte)
  if (bytes.length >= 12 && starts(0, [0x52, 0x49, 0x46, 0x46]) && starts(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp'
  if (starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts(0, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  return null
}

export type PageImageSkipReason = 'team.pageImage.tooLarge' | 'team.pageImage.missing' | 'team.pageImage.notImage' | 'team.pageImage.wrongDigest'
/** Log lines of page images that did not travel and are tried again (team-page-notes.ts). */
export type PageImageLogKey = 'team.log.pageImageFailed' | 'team.log.pageImageMismatch' | 'team.log.pageImageResent' | 'team.log.pageImageReceived'

export interface TeamPageImagesOptions {
  readonly store: LibraryStore
  readonly client: CouchClient
  readonly db: () => string
  readonly say: Say
  readonly now: () => Date
  /** A document skipped, with its reason in the user's language (team-sync's skip: logged, and named in `team status`). */
  readonly skip: (docId: string, reason: string) => Promise<void>
  /** A skipped image that came whole after all: no longer named as skipped. */
  readonly received: (docId: string) => void
  /** A document the server refused (logged; the article still goes). */
  readonly refused: (docId: string, reason: string) => Promise<void>
  /** A line for the sync log. */
  readonly log: (text: string) => Promise<void>
}

/** What the server holds under a page image's id: its revision and its attachment's stub. */
interface OnServer {
  /** null: a revision that is not CouchDB's `<n>-<hex>` (never stored). */
  readonly rev: string | null
  readonly length: number | undefined
  readonly digest: string | undefined
}

type Download = { ok: true; bytes: Uint8Array } | { ok: false; reason: NotReceivedReason; detail?: string }

export class TeamPageImages {
  readonly #options: TeamPageImagesOptions
  /** Digests this process knows the server holds with the right bytes (sent, or found there and compared). */
  readonly #onServer = new Set<string>()
  #notes: PageNotes | null = null
  #notesChanged = false

  constructor(options: TeamPageImagesOptions) {
    this.#options = options
  }

  /**
   * Before article documents go out: the page images they name that the server lacks are sent
   * first (one `_all_docs` look-up, then `_bulk_docs` with the images inline). One the server
   * holds is compared with the local file (the attachment's length and MD5): other bytes under
   * the id are noted and reported (`notSent`), and sent once an admin removed them. A local image
   * that is lost (both copies damaged) is not sent; the article still goes.
   */
  async send(articles: readonly Article[]): Promise<void> {
    const wanted = new Map<string, { articleId: string; ref: PageImageRef }>()
    for (const article of articles) {
      for (const ref of article.ocr?.pageImages ?? []) if (!this.#onServer.has(ref.asset) && DIGEST.test(ref.asset)) wanted.set(ref.asset, { articleId: article.id, ref })
    }
    if (wanted.size === 0) return
    const found = await this.#lookUp([...wanted.keys()])
    const missing: { articleId: string; ref: PageImageRef }[] = []
    for (const [digest, item] of wanted) {
      const held = found.get(digest)
      if (held === undefined) missing.push(item)
      else await this.#compare(item.articleId, item.ref, held)
    }
    await this.#sendImages(missing)
    await this.#saveNotes()
  }

  /**
   * Each round, after the records: the images in trouble are looked at again (one `_all_docs`
   * look-up for all of them; nothing at all when there are none). An image not received is
   * fetched again after a failed fetch, or when the server holds another revision of it than the
   * one that was bad; one not sent goes once its id is free, and is forgotten once the server holds the true bytes.
   */
  async catchUp(): Promise<void> {
    const notes = await this.#loadNotes()
    const digests = [...new Set([...Object.keys(notes.notReceived), ...Object.keys(notes.notSent)])]
    if (digests.length === 0) return
    const found = await this.#lookUp(digests)
    for (const [digest, entry] of Object.entries(notes.notReceived)) {
      const held = found.get(digest)
      if (entry.reason !== 'team.pageImage.failed' && (held?.rev ?? null) === entry.rev) continue
      const named = await this.#namedBy(entry.articles, digest)
      if (named.length === 0) {
        this.#forgetNotReceived(digest)
        continue
      }
      await this.#receiveOne(digest, named, held?.rev ?? null)
    }
    const resend: { articleId: string; ref: PageImageRef }[] = []
    for (const [digest, entry] of Object.entries(notes.notSent)) {
      const [named] = await this.#namedBy([entry.article], digest)
      if (named === undefined) {
        this.#forgetNotSent(digest)
        continue
      }
      const held = found.get(digest)
      if (held === undefined) resend.push({ articleId: named.articleId, ref: named.ref })
      else await this.#compare(named.articleId, named.ref, held)
    }
    await this.#sendImages(resend, true)
    await this.#saveNotes()
  }

  /**
   * For articles coming from the server: the page images they name that are not whole here are
   * fetched, checked and written into the library one at a time, both copies durable, before the
   * commit that writes the articles (so memory holds one image, not a group's). Bad ones are
   * skipped, failed fetches noted to be tried again; the articles land either way. Returns the
   * release of the sweep's hold on the new articles' asset folders: call it once their commit is over.
   */
  async receive(articles: readonly Article[]): Promise<() => void> {
    const wanted = new Map<string, { digest: string; named: { articleId: string; ref: PageImageRef }[] }>()
    const dir = this.#options.store.dir
    // Every incoming article's folder is held, not only those still fetching: an image already whole
    // (left by a round cut short) is not yet named by a committed article, and the sweep would delete it.
    const withImages = articles.filter((article) => (article.ocr?.pageImages?.length ?? 0) > 0).map((article) => article.id)
    if (withImages.length === 0) return () => undefined
    const release = holdArrivingAssets(dir, withImages)
    try {
      for (const article of articles) {
        for (const ref of article.ocr?.pageImages ?? []) {
          if ((await readAssetForBackup(dir, assetPath(article.id, ref))) !== null) continue
          // Keyed by digest and type: two articles naming the same digest as two types are two questions.
          const key = `${ref.asset} ${ref.type}`
          const item = wanted.get(key) ?? { digest: ref.asset, named: [] }
          item.named.push({ articleId: article.id, ref })
          wanted.set(key, item)
        }
      }
      for (const { digest, named } of wanted.values()) await this.#receiveOne(digest, named, undefined)
      await this.#saveNotes()
    } catch (error) {
      release()
      throw error
    }
    return release
  }

  /** One image fetched and, when good, written to each article that names it; else noted (and, for bad bytes, skipped). `rev`: the server's, when known. */
  async #receiveOne(digest: string, named: readonly { articleId: string; ref: PageImageRef }[], rev: string | null | undefined): Promise<void> {
    const first = named[0]!
    const docId = pageImageDocId(digest)
    const got = await this.#download(first.ref)
    const notes = await this.#loadNotes()
    if (got.ok) {
      for (const { articleId, ref } of named) await writeArticleAssets(this.#options.store.dir, articleId, [{ ref, bytes: got.bytes }])
      if (notes.notReceived[digest] !== undefined) {
        this.#forgetNotReceived(digest)
        await this.#options.log(this.#options.say('team.log.pageImageReceived', { id: docId }))
      }
      this.#options.received(docId)
      return
    }
    const before = notes.notReceived[digest]
    const articles = [...new Set([...(before?.articles ?? []), ...named.map((one) => one.articleId)])].slice(0, 1000)
    // The revision that failed: asked for when not known (a fetch at pull time), so a new one is noticed.
    const failedRev = rev !== undefined ? rev : ((await this.#lookUp([digest])).get(digest)?.rev ?? null)
    notes.notReceived[digest] = { articles, page: first.ref.page, reason: got.reason, rev: failedRev, ...(got.detail === undefined ? {} : { detail: got.detail.slice(0, 300) }) }
    this.#notesChanged = true
    const params = { article: first.articleId, page: first.ref.page, type: first.ref.type, max: MAX_PAGE_IMAGE_MB }
    if (got.reason === 'team.pageImage.failed') {
      // Not skipped: tried again next round. Logged once, not at every failed try.
      if (before?.reason !== 'team.pageImage.failed') await this.#options.log(this.#options.say('team.log.pageImageFailed', { id: docId, ...params, reason: got.detail ?? '' }))
    } else if (before?.reason !== got.reason || before.rev !== failedRev) await this.#options.skip(docId, this.#options.say(got.reason, params))
  }

  #forgetNotSent(digest: string): void {
    if (this.#notes === null || this.#notes.notSent[digest] === undefined) return
    delete this.#notes.notSent[digest]
    this.#notesChanged = true
  }

  #forgetNotReceived(digest: string): void {
    if (this.#notes === null || this.#notes.notReceived[digest] === undefined) return
    delete this.#notes.notReceived[digest]
    this.#notesChanged = true
  }

  /** Which of these articles the library still holds and names the image in: with their refs. */
  async #namedBy(articleIds: readonly string[], digest: string): Promise<{ articleId: string; ref: PageImageRef }[]> {
    const named: { articleId: string; ref: PageImageRef }[] = []
    for (const articleId of articleIds) {
      if (!this.#options.store.hasArticle(articleId)) continue
      const ref = (await this.#options.store.getArticle(articleId))?.ocr?.pageImages?.find((candidate) => candidate.asset === digest)
      if (ref !== undefined) named.push({ articleId, ref })
    }
    return named
  }

  /** The page documents the server holds (not deleted) among these digests, with their attachment stubs. */
  async #lookUp(digests: readonly string[]): Promise<Map<string, OnServer>> {
    const { client, db } = this.#options
    type Row = { key?: string; error?: string; value?: { rev?: string; deleted?: boolean }; doc?: { _attachments?: Record<string, { length?: unknown; digest?: unknown }> } | null }
    const found = await client.request<{ rows?: Row[] }>('POST', `${dbPath(db())}/_all_docs?include_docs=true`, { keys: digests.map(pageImageDocId) })
    if (found.status >= 400) throw client.failure(found)
    const held = new Map<string, OnServer>()
    for (const row of found.body.rows ?? []) {
      if (typeof row.key !== 'string' || row.error !== undefined || row.value === undefined || row.value.deleted === true || typeof row.value.rev !== 'string') continue
      const stub = row.doc?._attachments?.[ATTACHMENT]
      // The server's values go into page-images.json: only ones its schema holds (a hostile rev or length would fail every round).
      held.set(row.key.slice(PAGE_DOC_PREFIX.length), {
        rev: REV.test(row.value.rev) ? row.value.rev : null,
        length: Number.isSafeInteger(stub?.length) && (stub!.length as number) >= 0 ? (stub!.length as number) : undefined,
        digest: typeof stub?.digest === 'string' ? stub.digest : undefined,
      })
    }
    return held
  }

  /** The server holds the id: the same bytes (its length and MD5 are the local file's), or other ones (noted, logged once). */
  async #compare(articleId: string, ref: PageImageRef, held: OnServer): Promise<void> {
    const image = await readAssetForBackup(this.#options.store.dir, assetPath(articleId, ref))
    // A local image that is lost cannot be compared, nor sent.
    if (image === null) return
    const digest = `md5-${createHash('md5').update(image).digest('base64')}`
    const notes = await this.#loadNotes()
    if (held.length === image.length && held.digest === digest) {
      this.#onServer.add(ref.asset)
      this.#forgetNotSent(ref.asset)
      return
    }
    const before = notes.notSent[ref.asset]
    const entry = { article: articleId, page: ref.page, serverLength: held.length ?? -1, serverDigest: (held.digest ?? '').slice(0, 100), length: image.length }
    if (before !== undefined && before.serverDigest === entry.serverDigest && before.serverLength === entry.serverLength) return
    notes.notSent[ref.asset] = entry
    this.#notesChanged = true
    await this.#options.log(this.#options.say('team.log.pageImageMismatch', { id: pageImageDocId(ref.asset), article: articleId, page: ref.page, length: image.length, serverLength: entry.serverLength }))
  }

  /** Sends these images (read one at a time from the library, in requests of ≤ SEND_BYTES). */
  async #sendImages(images: readonly { articleId: string; ref: PageImageRef }[], again = false): Promise<void> {
    let batch: { ref: PageImageRef; articleId: string; doc: object }[] = []
    let bytes = 0
    for (const { articleId, ref } of images) {
      const image = await readAssetForBackup(this.#options.store.dir, assetPath(articleId, ref))
      if (image === null) continue
      if (batch.length > 0 && bytes + image.length > SEND_BYTES) {
        await this.#sendBatch(batch, again)
        ;[batch, bytes] = [[], 0]
      }
      batch.push({ ref, articleId, doc: this.#document(ref, image) })
      bytes += image.length
    }
    await this.#sendBatch(batch, again)
  }

  #document(ref: PageImageRef, image: Uint8Array): object {
    const user = this.#options.client.user
    return {
      _id: pageImageDocId(ref.asset),
      kind: 'page',
      author: user,
      changedBy: user,
      changedAt: this.#options.now().toISOString(),
      record: { id: ref.asset, type: ref.type, bytes: image.length },
      _attachments: { [ATTACHMENT]: { content_type: ref.type, data: Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString('base64') } },
    }
  }

  async #sendBatch(batch: readonly { ref: PageImageRef; articleId: string; doc: object }[], again: boolean): Promise<void> {
    if (batch.length === 0) return
    const { client, db } = this.#options
    const response = await client.request<{ id: string; rev?: string; error?: string; reason?: string }[]>('POST', `${dbPath(db())}/_bulk_docs`, { docs: batch.map((item) => item.doc) })
    if (response.status >= 400) throw client.failure(response)
    const raced: { articleId: string; ref: PageImageRef }[] = []
    const notes = await this.#loadNotes()
    for (const result of response.body) {
      if (typeof result.id !== 'string' || !isPageImageDocId(result.id)) continue
      const digest = result.id.slice(PAGE_DOC_PREFIX.length)
      const item = batch.find((one) => one.ref.asset === digest)
      if (result.error === undefined) {
        this.#onServer.add(digest)
        if (notes.notSent[digest] !== undefined) {
          this.#forgetNotSent(digest)
          if (again) await this.#options.log(this.#options.say('team.log.pageImageResent', { id: result.id }))
        }
      } else if (result.error === 'conflict') {
        // Someone wrote the id since the look-up: compared like any image found there.
        if (item !== undefined) raced.push(item)
      } else await this.#options.refused(result.id, `${result.error}: ${result.reason ?? ''}`.slice(0, 300))
    }
    if (raced.length === 0) return
    const found = await this.#lookUp(raced.map((item) => item.ref.asset))
    for (const item of raced) {
      const held = found.get(item.ref.asset)
      if (held !== undefined) await this.#compare(item.articleId, item.ref, held)
    }
  }

  /** One image from the server, checked: its bytes, or why not (bad bytes, not there, or the fetch failed and is tried again). */
  async #download(ref: PageImageRef): Promise<Download> {
    const { client, db } = this.#options
    const docId = pageImageDocId(ref.asset)
    if (ref.bytes > MAX_PAGE_IMAGE_BYTES) return { ok: false, reason: 'team.pageImage.tooLarge' }
    let response
    try {
      response = await client.request<Buffer>('GET', `${dbPath(db())}/${encodeURIComponent(docId)}/${ATTACHMENT}`, undefined, { raw: true, maxBytes: ref.bytes, accept: ref.type })
    } catch (error) {
      if (error instanceof AnswerTooLarge) return { ok: false, reason: 'team.pageImage.tooLarge' }
      // A refusal stops the round (it would be refused again); anything else (a connection cut, a timeout) is this image's alone.
      if (error instanceof CouchError && STOPS_THE_ROUND.has(error.failure)) throw error
      return { ok: false, reason: 'team.pageImage.failed', detail: error instanceof Error ? error.message : String(error) }
    }
    if (response.status === 404) return { ok: false, reason: 'team.pageImage.missing' }
    if (response.status >= 400) {
      const failure = client.failure(response)
      if (STOPS_THE_ROUND.has(failure.failure)) throw failure
      return { ok: false, reason: 'team.pageImage.failed', detail: failure.message }
    }
    const bytes = new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength)
    if (bytes.length !== ref.bytes) return { ok: false, reason: 'team.pageImage.wrongDigest' }
    if (sniffImageType(bytes) !== ref.type) return { ok: false, reason: 'team.pageImage.notImage' }
    if ((await sha256Hex(bytes)) !== ref.asset) return { ok: false, reason: 'team.pageImage.wrongDigest' }
    return { ok: true, bytes }
  }

  async #loadNotes(): Promise<PageNotes> {
    this.#notes ??= await readPageNotes(this.#options.store.dir)
    return this.#notes
  }

  async #saveNotes(): Promise<void> {
    if (!this.#notesChanged || this.#notes === null) return
    await writePageNotes(this.#options.store.dir, this.#notes)
    this.#notesChanged = false
  }
}

/** Failures of one image's fetch that are the whole round's: the user's access (retrying would be refused again). */
const STOPS_THE_ROUND: ReadonlySet<CouchFailure> = new Set(['unauthorized', 'forbidden', 'notMember'])

/**
 * An admin's removal of a page document (`team pages remove`): a member who wrote other bytes
 * under an image's id first blocks the true image (a page document never changes). Once it is
 * removed, the next round of a library that holds the true bytes sends them (`catchUp`), and
 * colleagues fetch them. The design document lets only admins of the team delete one.
 */
export async function removePageImage(client: CouchClient, db: string, docId: string): Promise<boolean> {
  if (!isPageImageDocId(docId) || !DIGEST.test(docId.slice(PAGE_DOC_PREFIX.length))) throw new AppError('team.notPageImage', { id: docId.slice(0, 80) })
  const path = `${dbPath(db)}/${encodeURIComponent(docId)}`
  const found = await client.request<{ _rev?: string }>('GET', path)
  if (found.status === 404) return false
  if (found.status >= 400) throw client.failure(found)
  const removed = await client.request('DELETE', `${path}?rev=${encodeURIComponent(found.body._rev ?? '')}`)
  if (removed.status >= 400) throw client.failure(removed)
  return true
}
