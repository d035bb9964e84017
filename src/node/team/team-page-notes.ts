import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { DurableJsonFile } from '../store/durable-json-file'
import { teamFolder } from './team-state'

/**
 * What this library knows of page images that did not travel (docs/team.md#page-images), in
 * `team/page-images.json`: small (one entry per image in trouble), written durably when it
 * changes, read by `team status`, by the reader (why a page has no image) and by each round,
 * which tries them again.
 *
 * - `notReceived`: an image an article from the team names, which this library does not hold:
 *   not on the server, bad bytes (skipped), or a fetch that failed (a server error, a connection
 *   cut). The article landed without it. Each round asks the server again, and fetches the image
 *   when it is worth it: after a failed fetch always; after bad or missing bytes only when the
 *   server's document is another revision than the one that failed (the admin deleted the bad one
 *   and the true bytes were sent).
 * - `notSent`: an image this library holds whose id the server already holds with other bytes
 *   (the attachment's length or MD5 differ from the local file's): a member wrote it first with
 *   the wrong bytes. A page document never changes, so only a team admin can remove it (`team
 *   pages remove`); each round looks again, and sends the true bytes once the id is free.
 *
 * Keys are the images' digests (64 hex), checked by pattern; reasons are catalogue keys, so the
 * reader and the CLI say them in the language of the moment.
 */
export const PAGE_NOTES_FILE = 'page-images.json'

const Digest = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))
const ArticleIds = v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1000))

export const NOT_RECEIVED_REASONS = ['team.pageImage.tooLarge', 'team.pageImage.missing', 'team.pageImage.notImage', 'team.pageImage.wrongDigest', 'team.pageImage.failed'] as const
export type NotReceivedReason = (typeof NOT_RECEIVED_REASONS)[number]

const NotReceivedSchema = v.object({
  /** The articles that name the image (the bytes go to each one's assets). */
  articles: ArticleIds,
  /** The page it is in the first of them (for messages). */
  page: v.number(),
  reason: v.picklist(NOT_RECEIVED_REASONS),
  /** The revision of the server's document when it failed (null: none); a failed fetch is tried again whatever it is. */
  rev: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  /** For a failed fetch: the error, as the client reported it. */
  detail: v.optional(v.pipe(v.string(), v.maxLength(300))),
})

const NotSentSchema = v.object({
  /** An article of this library that names it (where the true bytes are read from). */
  article: v.pipe(v.string(), v.maxLength(200)),
  page: v.number(),
  /** What the server holds under the id: the attachment's length and CouchDB digest (`md5-<base64>`). */
  serverLength: v.number(),
  serverDigest: v.pipe(v.string(), v.maxLength(100)),
  length: v.number(),
})

export const PageNotesSchema = v.object({
  schemaVersion: v.literal(1),
  notReceived: v.record(Digest, NotReceivedSchema),
  notSent: v.record(Digest, NotSentSchema),
})
export type PageNotes = v.InferOutput<typeof PageNotesSchema>
export type NotReceived = v.InferOutput<typeof NotReceivedSchema>
export type NotSent = v.InferOutput<typeof NotSentSchema>

export function emptyPageNotes(): PageNotes {
  return { schemaVersion: 1, notReceived: {}, notSent: {} }
}

function notesFile(libraryDir: string): DurableJsonFile<PageNotes> {
  return new DurableJsonFile(join(teamFolder(libraryDir), PAGE_NOTES_FILE), PageNotesSchema)
}

/**
 * The library's page-image notes (empty when there are none, or the library has no team). A file
 * that does not read or fails the schema counts as empty too: the notes are only a memory of what
 * to try again (each round finds the images in trouble anew), and one bad file must not stop every round.
 */
export async function readPageNotes(libraryDir: string): Promise<PageNotes> {
  return (await notesFile(libraryDir).read().catch(() => null)) ?? emptyPageNotes()
}

export async function writePageNotes(libraryDir: string, notes: PageNotes): Promise<void> {
  await mkdir(teamFolder(libraryDir), { recursive: true })
  await notesFile(libraryDir).write(notes)
}

export async function removePageNotes(libraryDir: string): Promise<void> {
  await rm(join(teamFolder(libraryDir), PAGE_NOTES_FILE), { force: true })
}

/** Why an article's page image is not in the library, when it is one the team has not delivered (else null). */
export async function pageNotReceived(libraryDir: string, articleId: string, digest: string): Promise<NotReceived | null> {
  const notes = await readPageNotes(libraryDir)
  const entry = notes.notReceived[digest]
  return entry !== undefined && entry.articles.includes(articleId) ? entry : null
}
