import type { Article, PageImageRef, PageImageType } from '../../common/model/article'
import { assetPath, readAssetForBackup, sha256Hex, type PageImageBlob } from '../store/article-assets'
import type { LibraryStore } from '../store/library-store'
import { AnswerTooLarge, dbPath, type CouchClient } from './couch-client'
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
/** A page image kept by OCR is a few hundred KB (150 dpi grey WebP); anything above this is refused unread. */
export const MAX_PAGE_IMAGE_BYTES = 8 * 1024 * 1024
const ATTACHMENT = 'image'
/** Page images sent in one `_bulk_docs` request at most (base64 in JSON). */
const SEND_BYTES = 4 * 1024 * 1024
const DIGEST = /^[0-9a-f]{64}$/

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

export interface TeamPageImagesOptions {
  readonly store: LibraryStore
  readonly client: CouchClient
  readonly db: () => string
  readonly say: Say
  readonly now: () => Date
  /** A document skipped, with its reason in the user's language (team-sync's skip: logged, and named in `team status`). */
  readonly skip: (docId: string, reason: string) => Promise<void>
  /** A document the server refused (logged; the article still goes). */
  readonly refused: (docId: string, reason: string) => Promise<void>
}

export class TeamPageImages {
  readonly #options: TeamPageImagesOptions
  /** Digests this process knows the server holds (sent, or found there). */
  readonly #onServer = new Set<string>()

  constructor(options: TeamPageImagesOptions) {
    this.#options = options
  }

  /**
   * Before article documents go out: the page images they name that the server lacks are sent
   * first (one `_all_docs` look-up, then `_bulk_docs` with the images inline). A local image that
   * is lost (both copies damaged) is not sent; the article still goes.
   */
  async send(articles: readonly Article[]): Promise<void> {
    const wanted = new Map<string, { articleId: string; ref: PageImageRef }>()
    for (const article of articles) {
      for (const ref of article.ocr?.pageImages ?? []) if (!this.#onServer.has(ref.asset) && DIGEST.test(ref.asset)) wanted.set(ref.asset, { articleId: article.id, ref })
    }
    if (wanted.size === 0) return
    const { client, db } = this.#options
    const keys = [...wanted.keys()].map(pageImageDocId)
    const found = await client.request<{ rows?: { key?: string; value?: { deleted?: boolean }; error?: string }[] }>('POST', `${dbPath(db())}/_all_docs`, { keys })
    if (found.status >= 400) throw client.failure(found)
    for (const row of found.body.rows ?? []) {
      if (typeof row.key === 'string' && row.error === undefined && row.value !== undefined && row.value.deleted !== true) this.#onServer.add(row.key.slice(PAGE_DOC_PREFIX.length))
    }
    let batch: object[] = []
    let bytes = 0
    for (const [digest, { articleId, ref }] of wanted) {
      if (this.#onServer.has(digest)) continue
      const image = await readAssetForBackup(this.#options.store.dir, assetPath(articleId, ref))
      if (image === null) continue
      if (batch.length > 0 && bytes + image.length > SEND_BYTES) {
        await this.#sendBatch(batch)
        ;[batch, bytes] = [[], 0]
      }
      batch.push(this.#document(ref, image))
      bytes += image.length
    }
    await this.#sendBatch(batch)
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

  async #sendBatch(docs: readonly object[]): Promise<void> {
    if (docs.length === 0) return
    const { client, db } = this.#options
    const response = await client.request<{ id: string; rev?: string; error?: string; reason?: string }[]>('POST', `${dbPath(db())}/_bulk_docs`, { docs })
    if (response.status >= 400) throw client.failure(response)
    for (const result of response.body) {
      if (typeof result.id !== 'string' || !isPageImageDocId(result.id)) continue
      // A conflict: someone sent the same bytes first (the same name is the same image).
      if (result.error === undefined || result.error === 'conflict') this.#onServer.add(result.id.slice(PAGE_DOC_PREFIX.length))
      else await this.#options.refused(result.id, `${result.error}: ${result.reason ?? ''}`.slice(0, 300))
    }
  }

  /**
   * For articles coming from the server: the page images they name that are not whole here,
   * fetched and checked. Returns the good ones by article id (the store writes them, both copies
   * durable, before the article's record: `LibraryWrites.pageImages`); bad ones are skipped.
   */
  async fetch(articles: readonly Article[]): Promise<Map<string, PageImageBlob[]>> {
    const blobs = new Map<string, PageImageBlob[]>()
    const fetched = new Map<string, Uint8Array | null>()
    for (const article of articles) {
      for (const ref of article.ocr?.pageImages ?? []) {
        if ((await readAssetForBackup(this.#options.store.dir, assetPath(article.id, ref))) !== null) continue
        if (!fetched.has(ref.asset)) fetched.set(ref.asset, await this.#download(article.id, ref))
        const bytes = fetched.get(ref.asset)
        if (bytes === null || bytes === undefined) continue
        const list = blobs.get(article.id) ?? []
        list.push({ ref, bytes })
        blobs.set(article.id, list)
      }
    }
    return blobs
  }

  /** The page images to write with these articles (those that name them), as `LibraryWrites.pageImages`. */
  static forWrites(articles: readonly Article[], blobs: ReadonlyMap<string, readonly PageImageBlob[]>): { pageImages?: ReadonlyMap<string, readonly PageImageBlob[]> } {
    const out = new Map<string, readonly PageImageBlob[]>()
    for (const article of articles) {
      const named = new Set((article.ocr?.pageImages ?? []).map((ref) => ref.asset))
      const list = (blobs.get(article.id) ?? []).filter((blob) => named.has(blob.ref.asset))
      if (list.length > 0) out.set(article.id, list)
    }
    return out.size === 0 ? {} : { pageImages: out }
  }

  /** One image from the server, checked; null (skipped with its reason) when it is not the image the article names. */
  async #download(articleId: string, ref: PageImageRef): Promise<Uint8Array | null> {
    const { client, db, say, skip } = this.#options
    const docId = pageImageDocId(ref.asset)
    const refuse = async (reason: PageImageSkipReason) => {
      await skip(docId, say(reason, { article: articleId, page: ref.page, type: ref.type, max: MAX_PAGE_IMAGE_BYTES / 1024 / 1024 }))
      return null
    }
    if (ref.bytes > MAX_PAGE_IMAGE_BYTES) return refuse('team.pageImage.tooLarge')
    let response
    try {
      response = await client.request<Buffer>('GET', `${dbPath(db())}/${encodeURIComponent(docId)}/${ATTACHMENT}`, undefined, { raw: true, maxBytes: ref.bytes, accept: ref.type })
    } catch (error) {
      if (error instanceof AnswerTooLarge) return refuse('team.pageImage.tooLarge')
      throw error
    }
    if (response.status === 404) return refuse('team.pageImage.missing')
    if (response.status >= 400) throw client.failure(response)
    const bytes = new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength)
    if (bytes.length !== ref.bytes) return refuse('team.pageImage.wrongDigest')
    if (sniffImageType(bytes) !== ref.type) return refuse('team.pageImage.notImage')
    if ((await sha256Hex(bytes)) !== ref.asset) return refuse('team.pageImage.wrongDigest')
    return bytes
  }
}
