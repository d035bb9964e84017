import { errorInfo } from '../../common/errors'
import type { DuplicateFile, FailedFile, ImportedFile, ImportReport } from '../../common/import/import-report'
import type { Article } from '../../common/model/article'
import type { PageImageBlob } from '../store/article-assets'
import type { LibraryStore } from '../store/library-store'
import type { ImportOutcome } from './import-file'

/**
 * While a group is being saved, the next one gathers; past this many articles waiting, reading
 * pauses until the save is done (memory stays bounded however slow the disk).
 */
const MAX_WAITING = 500

interface Pending {
  readonly file: string | null
  readonly article: Article
  readonly pageImages?: readonly PageImageBlob[]
}

/**
 * Where a batch's outcomes go. New articles are saved to the library in groups, in the
 * background, while the batch reads and parses the next files (group commit): whatever arrives
 * while a group is being saved is saved next, as one group. So a fast disk saves small groups
 * often, a slow one large groups less often, and reading never waits for the disk unless
 * MAX_WAITING articles pile up. A durable save costs a few fsyncs whatever its size; saving each
 * article on its own capped an import near 100 files/s.
 *
 * Each file still succeeds or fails on its own: a group the library refuses is retried one
 * article at a time, so one bad article fails alone and the rest of its group is added. An article
 * is reported added only once it is durably on disk (the store announces it on its change feed).
 * Duplicates are recognised by content hash (or, by a collision on its short id, by id) against
 * the library and against every article this batch has read before, saved or not yet; and again
 * inside the store's update that saves a group, so an article another import or window added
 * meanwhile is reported a duplicate, never added twice.
 */
export class ImportSink {
  readonly #store: LibraryStore
  readonly #added: ImportedFile[] = []
  readonly #duplicates: DuplicateFile[] = []
  readonly #failed: FailedFile[] = []
  readonly #cancelled: string[] = []
  /** Read, not yet being saved. */
  #waiting: Pending[] = []
  /** The group being saved, if any (it settles without rejecting). */
  #saving: Promise<void> | null = null
  /** Every article this batch accepted as new, by content hash and by id, until it is saved or failed. */
  readonly #unsavedByHash = new Map<string, Article>()
  readonly #unsavedById = new Map<string, Article>()

  constructor(store: LibraryStore) {
    this.#store = store
  }

  async accept(outcome: ImportOutcome): Promise<void> {
    if (!outcome.ok) {
      this.#failed.push({ file: outcome.file, error: outcome.error.toInfo() })
      return
    }
    const { article, file } = outcome
    const existing = this.#existing(article)
    if (existing !== undefined) {
      if (outcome.pageImages !== undefined && existing.id === article.id) await this.#renewPageImages(article.id, outcome.pageImages)
      this.#duplicates.push({ file, existingId: existing.id, existingTitle: existing.title })
      return
    }
    this.#waiting.push({ file, article, ...(outcome.pageImages ? { pageImages: outcome.pageImages } : {}) })
    this.#unsavedByHash.set(article.contentHash, article)
    this.#unsavedById.set(article.id, article)
    this.#startSave()
    if (this.#waiting.length >= MAX_WAITING) await this.#saving
  }

  /**
   * A scan imported again gives its article's page images back (the way to regenerate one the
   * library lost): the record's references are renewed and the images written, where the
   * library's article is this one and came from OCR. The text is not touched. A failure here
   * leaves the article as it was: it is still reported a duplicate.
   */
  async #renewPageImages(id: string, images: readonly PageImageBlob[]): Promise<void> {
    await this.#store
      .update({ articles: [id] }, (current) => {
        const stored = current.articles.get(id)
        if (stored?.ocr === undefined) return { writes: {}, value: undefined }
        const renewed = { ...stored, ocr: { ...stored.ocr, pageImages: images.map((image) => image.ref) } }
        return { writes: { articles: [renewed], pageImages: new Map([[id, images]]) }, value: undefined }
      })
      .catch(() => undefined)
  }

  /** Resolves once every article accepted so far is saved (or has failed). */
  async flush(): Promise<void> {
    while (this.#saving !== null || this.#waiting.length > 0) {
      this.#startSave()
      await this.#saving
    }
  }

  /** Articles read and waiting for the next group save (not counting the group being saved). */
  get backlog(): number {
    return this.#waiting.length
  }

  cancel(files: readonly string[]): void {
    this.#cancelled.push(...files)
  }

  get report(): ImportReport {
    return { added: [...this.#added], duplicates: [...this.#duplicates], failed: [...this.#failed], cancelled: [...this.#cancelled] }
  }

  /** Starts saving what is waiting, unless a save is already running (it starts the next one when it ends). */
  #startSave(): void {
    if (this.#saving !== null || this.#waiting.length === 0) return
    const group = this.#waiting
    this.#waiting = []
    this.#saving = this.#save(group).finally(() => {
      this.#saving = null
      this.#startSave()
    })
  }

  async #save(group: readonly Pending[]): Promise<void> {
    let saved: readonly Pending[] | null = null
    try {
      saved = await this.#add(group)
    } catch (error) {
      if (group.length === 1) this.#failedToSave(group[0]!, error)
      else await this.#saveOneByOne(group)
    }
    if (saved !== null) this.#saved(saved)
  }

  /**
   * Adds the group's articles that the library still lacks, in one store update (the check and
   * the write in the write queue); the others are duplicates now. Resolves with those added.
   */
  async #add(group: readonly Pending[]): Promise<readonly Pending[]> {
    const { fresh, duplicates } = await this.#store.update({}, (current) => {
      const fresh: Pending[] = []
      const duplicates: Array<{ item: Pending; existing: { id: string; title: string } }> = []
      for (const item of group) {
        const existing = this.#store.findByContentHash(item.article.contentHash) ?? current.summary(item.article.id)
        if (existing === undefined) fresh.push(item)
        else duplicates.push({ item, existing })
      }
      // A scan's page images go with its article.
      const pageImages = new Map(fresh.flatMap((item) => (item.pageImages === undefined ? [] : [[item.article.id, item.pageImages] as const])))
      return { writes: { articles: fresh.map((item) => item.article), ...(pageImages.size > 0 ? { pageImages } : {}) }, value: { fresh, duplicates } }
    })
    for (const { item, existing } of duplicates) {
      this.#duplicates.push({ file: item.file, existingId: existing.id, existingTitle: existing.title })
      this.#forget(item.article)
    }
    return fresh
  }

  /** One article the library refuses must not take its group with it. */
  async #saveOneByOne(group: readonly Pending[]): Promise<void> {
    for (const item of group) {
      let saved: readonly Pending[]
      try {
        saved = await this.#add([item])
      } catch (error) {
        this.#failedToSave(item, error)
        continue
      }
      this.#saved(saved)
    }
  }

  #saved(group: readonly Pending[]): void {
    for (const item of group) {
      this.#added.push({ file: item.file, id: item.article.id, title: item.article.title })
      this.#forget(item.article)
    }
  }

  #failedToSave(item: Pending, error: unknown): void {
    this.#failed.push({ file: item.file, error: errorInfo(error) })
    this.#forget(item.article)
  }

  /** A saved article is found in the library from now on; a failed one is not a duplicate of anything. */
  #forget(article: Article): void {
    if (this.#unsavedByHash.get(article.contentHash) === article) this.#unsavedByHash.delete(article.contentHash)
    if (this.#unsavedById.get(article.id) === article) this.#unsavedById.delete(article.id)
  }

  /** The article with the same text (or, by a hash collision on its short id, the same id) in the library or earlier in this batch. */
  #existing(article: Article): { id: string; title: string } | undefined {
    return (
      this.#store.findByContentHash(article.contentHash) ??
      this.#store.findById(article.id) ??
      this.#unsavedByHash.get(article.contentHash) ??
      this.#unsavedById.get(article.id)
    )
  }
}
