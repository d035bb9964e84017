import { webcrypto } from 'node:crypto'
import { readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ArticleIdSchema, type PageImageRef, type PageImageType } from '../../common/model/article'
import type { RecoveryEvent } from '../../common/model/recovery'
import * as v from 'valibot'
import { readWhole } from './descriptor-io'
import { isErrno, syncFolder } from './durable-json-file'
import { makePrivateFolder } from './private-folder'
import { MIRROR_FOLDER, mirrorPathOf, writeBothCopies } from './second-copy'
import type { StoreContext } from './stored-file'

/**
 * Binary assets kept with an article: the page images of a scan (OCR), so the reader can show a
 * page beside its text. Not JSON records: they never go through the journal or generations.
 *
 *   assets/<article id>/<sha256>.<webp|jpg|png>          the image
 *   mirror/assets/<article id>/<sha256>.<ext>            its second copy, the same bytes
 *
 * The name is the SHA-256 of the bytes (content-addressed): a file proves itself whole by its
 * name, an image written twice is the same file, and a path is only ever built from an article
 * id the library lists and a digest the article's record holds (`PageImageRef`), both checked by
 * pattern here: never from anything a user typed.
 *
 * Ordering (docs/store.md, "Assets"): an article's assets are written, both copies durable,
 * before the record that names them; they are removed after the record is gone. So an asset
 * folder whose article the library does not list is a crash's leftover (swept by checkAssets),
 * and a record naming an asset that is missing or does not match its digest is damage (reported,
 * repaired from the copy when it is whole).
 */
export const ASSETS_FOLDER = 'assets'

export interface PageImageBlob {
  readonly ref: PageImageRef
  readonly bytes: Uint8Array
}

const EXTENSIONS: Readonly<Record<PageImageType, string>> = { 'image/webp': 'webp', 'image/jpeg': 'jpg', 'image/png': 'png' }
const ASSET_NAME = /^[0-9a-f]{64}\.(?:webp|jpg|png)$/
const DIGEST = /^[0-9a-f]{64}$/

/** `assets/<article id>/<digest>.<ext>`; throws for an id or digest that is not one (never reached by valid records). */
export function assetPath(articleId: string, ref: Pick<PageImageRef, 'asset' | 'type'>): string {
  if (!v.is(ArticleIdSchema, articleId) || !DIGEST.test(ref.asset) || !(ref.type in EXTENSIONS)) throw new Error('Not an asset of the library')
  return `${ASSETS_FOLDER}/${articleId}/${ref.asset}.${EXTENSIONS[ref.type]}`
}

/** The SHA-256 of bytes as hex, computed in the thread pool (WebCrypto): a page image is hundreds of KB. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex')
}

/** An encoded page image as the store keeps it: named by the SHA-256 of its bytes. */
export async function pageImageBlob(image: Omit<PageImageRef, 'asset' | 'bytes'> & { readonly bytes: Uint8Array }): Promise<PageImageBlob> {
  const { bytes, ...described } = image
  return { ref: { ...described, asset: await sha256Hex(bytes), bytes: bytes.length }, bytes }
}

/**
 * Writes an article's page images, both copies, durably, before its record is written. An asset
 * already whole on disk (the same bytes: the same name) is not written again. Bytes that do not
 * match their digest are a bug and are refused before anything is written.
 */
export async function writeArticleAssets(dir: string, articleId: string, blobs: readonly PageImageBlob[]): Promise<void> {
  if (blobs.length === 0) return
  for (const blob of blobs) {
    if ((await sha256Hex(blob.bytes)) !== blob.ref.asset) throw new Error(`Page ${blob.ref.page} of ${articleId}: its bytes do not match their digest`)
  }
  const folder = `${ASSETS_FOLDER}/${articleId}`
  await Promise.all([makePrivateFolder(join(dir, folder)), makePrivateFolder(join(dir, mirrorPathOf(folder)))])
  for (const blob of blobs) {
    const path = assetPath(articleId, blob.ref)
    if (await isWhole(dir, path, blob.ref.asset) && await isWhole(dir, mirrorPathOf(path), blob.ref.asset)) continue
    await writeBothCopies(dir, path, blob.bytes, { syncFolder: false })
  }
  // The files' names, then the article folders' own entries in assets/ and mirror/assets/.
  await Promise.all([syncFolder(join(dir, folder)), syncFolder(join(dir, mirrorPathOf(folder)))])
  await Promise.all([syncFolder(join(dir, ASSETS_FOLDER)), syncFolder(join(dir, MIRROR_FOLDER, ASSETS_FOLDER))])
}

/**
 * Article ids, by library folder, whose assets are written ahead of their record by team sync
 * (an image fetched from the team is written as it arrives, before the commit that adds its
 * article): the sweep leaves their folders alone until the hold is released.
 */
const arriving = new Map<string, Map<string, number>>()

/** Holds these articles' asset folders against the sweep; returns the release (call it once their commit is over). */
export function holdArrivingAssets(dir: string, articleIds: readonly string[]): () => void {
  const held = arriving.get(dir) ?? new Map<string, number>()
  arriving.set(dir, held)
  for (const id of articleIds) held.set(id, (held.get(id) ?? 0) + 1)
  let released = false
  return () => {
    if (released) return
    released = true
    for (const id of articleIds) {
      const count = (held.get(id) ?? 1) - 1
      if (count > 0) held.set(id, count)
      else held.delete(id)
    }
    if (held.size === 0) arriving.delete(dir)
  }
}

/** Removes an article's assets, the copy first (as every deletion: a crash never leaves a copy alone). */
export async function removeArticleAssets(dir: string, articleId: string): Promise<void> {
  if (!v.is(ArticleIdSchema, articleId)) return
  await rm(join(dir, mirrorPathOf(`${ASSETS_FOLDER}/${articleId}`)), { recursive: true, force: true })
  await rm(join(dir, ASSETS_FOLDER, articleId), { recursive: true, force: true })
}

/**
 * One asset's bytes, checked against its digest. A missing or damaged file is answered from its
 * second copy (a writable store moves the bad bytes aside as `<path>.corrupt-<time>` and writes
 * the file again from the copy); with both bad, null, and the loss reported. Each repair is told
 * once through `context.onRepair`.
 */
export async function readArticleAsset(context: StoreContext, articleId: string, ref: PageImageRef): Promise<Uint8Array | null> {
  const path = assetPath(articleId, ref)
  const file = await readChecked(context.dir, path, ref.asset)
  if (file.ok) return file.bytes
  const copy = await readChecked(context.dir, mirrorPathOf(path), ref.asset)
  if (copy.ok) {
    if (!context.writable) {
      context.onRepair(event(path, file.damage, '', 'copy', null, true))
      return copy.bytes
    }
    const keptAs = file.damage === 'missing' ? '' : await quarantine(context, path)
    await writeBothCopies(context.dir, path, copy.bytes)
    context.onRepair(event(path, file.damage, keptAs, 'copy', null, false))
    return copy.bytes
  }
  await reportLost(context, articleId, path, file, copy)
  return null
}

/** Every asset file of the library (relative paths, names of the right form), for backups. */
export async function assetFiles(dir: string): Promise<string[]> {
  const paths: string[] = []
  for (const articleId of await listNames(join(dir, ASSETS_FOLDER))) {
    if (!v.is(ArticleIdSchema, articleId)) continue
    for (const name of await listNames(join(dir, ASSETS_FOLDER, articleId))) if (ASSET_NAME.test(name)) paths.push(`${ASSETS_FOLDER}/${articleId}/${name}`)
  }
  return paths.sort()
}

/** Whether a relative path is an asset's (`assets/<article id>/<sha256>.<ext>`), and its digest. */
export function assetDigestOf(relativePath: string): string | null {
  const parts = relativePath.split('/')
  if (parts.length !== 3 || parts[0] !== ASSETS_FOLDER || !v.is(ArticleIdSchema, parts[1]) || !ASSET_NAME.test(parts[2]!)) return null
  return parts[2]!.slice(0, 64)
}

/**
 * The bytes of an asset for a backup: the file when whole, else its copy when whole, else null
 * (a backup never holds damage).
 */
export async function readAssetForBackup(dir: string, relativePath: string): Promise<Uint8Array | null> {
  const digest = assetDigestOf(relativePath)
  if (digest === null) return null
  const file = await readChecked(dir, relativePath, digest)
  if (file.ok) return file.bytes
  const copy = await readChecked(dir, mirrorPathOf(relativePath), digest)
  return copy.ok ? copy.bytes : null
}

/**
 * The check made after opening, in the background (it never delays the library list): every asset
 * and its copy are read and compared with their digest. A writable store sweeps the folders of
 * articles it does not list (a crash between writing assets and their record, or between deleting
 * a record and its assets), removes abandoned temp files, rewrites a missing or damaged copy from
 * its file (a damaged one kept aside and reported `recopied`; a missing one silently, a crash's
 * leftover) and a damaged file from its copy (`copy`); both bad: reported `lost`. A read-only
 * store only reports. `stillListed` is asked per article, just before it is checked: the check
 * runs between other work (`step` puts each article's check in the store's write queue).
 */
export async function checkAssets(context: StoreContext, stillListed: (articleId: string) => boolean, step: (work: () => Promise<void>) => Promise<void>): Promise<void> {
  const ids = new Set([...(await listNames(join(context.dir, ASSETS_FOLDER))), ...(await listNames(join(context.dir, MIRROR_FOLDER, ASSETS_FOLDER)))])
  for (const articleId of [...ids].sort()) {
    if (!v.is(ArticleIdSchema, articleId)) continue
    await step(async () => {
      if (!stillListed(articleId)) {
        if (context.writable && arriving.get(context.dir)?.has(articleId) !== true) await removeArticleAssets(context.dir, articleId)
        return
      }
      await checkArticleAssets(context, articleId)
    })
  }
}

async function checkArticleAssets(context: StoreContext, articleId: string): Promise<void> {
  const folder = `${ASSETS_FOLDER}/${articleId}`
  const inFile = await listNames(join(context.dir, folder))
  const inCopy = await listNames(join(context.dir, mirrorPathOf(folder)))
  if (context.writable) {
    for (const [base, names] of [[folder, inFile], [mirrorPathOf(folder), inCopy]] as const) {
      for (const name of names) if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(context.dir, base, name), { force: true })
    }
  }
  for (const name of [...new Set([...inFile, ...inCopy])].filter((name) => ASSET_NAME.test(name)).sort()) {
    const path = `${folder}/${name}`
    const digest = name.slice(0, 64)
    const file = await readChecked(context.dir, path, digest)
    const copy = await readChecked(context.dir, mirrorPathOf(path), digest)
    if (copy.ok && file.ok) continue
    if (file.ok && !copy.ok) {
      const damage = copy.damage
      if (!context.writable) {
        if (damage !== 'missing') context.onRepair(event(mirrorPathOf(path), damage, '', 'recopied', null, true))
        continue
      }
      const keptAs = damage === 'missing' ? '' : await quarantine(context, mirrorPathOf(path))
      await writeBothCopies(context.dir, path, file.bytes)
      if (damage !== 'missing') context.onRepair(event(mirrorPathOf(path), damage, keptAs, 'recopied', null, false))
      continue
    }
    if (file.ok) continue
    if (copy.ok) {
      if (!context.writable) {
        context.onRepair(event(path, file.damage, '', 'copy', null, true))
        continue
      }
      const keptAs = file.damage === 'missing' ? '' : await quarantine(context, path)
      await writeBothCopies(context.dir, path, copy.bytes)
      context.onRepair(event(path, file.damage, keptAs, 'copy', null, false))
      continue
    }
    await reportLost(context, articleId, path, file, copy)
  }
}

/** Both copies bad: both kept aside (writable), and the loss reported. */
async function reportLost(context: StoreContext, articleId: string, path: string, file: Checked, copy: Checked): Promise<void> {
  const fileDamage = file.ok ? 'invalid' : file.damage
  const keptAs = context.writable && fileDamage !== 'missing' ? await quarantine(context, path) : ''
  if (context.writable && !copy.ok && copy.damage !== 'missing') await quarantine(context, mirrorPathOf(path))
  context.onRepair(event(path, fileDamage, keptAs, 'lost', `page-image:${articleId}`, !context.writable))
}

type Checked = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly damage: 'missing' | 'empty' | 'zero-filled' | 'invalid' }

/** A file's bytes when they hash to their name's digest; otherwise why not. */
async function readChecked(dir: string, relativePath: string, digest: string): Promise<Checked> {
  let bytes: Buffer
  try {
    bytes = await readWhole(join(dir, relativePath))
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { ok: false, damage: 'missing' }
    throw error
  }
  if (bytes.length === 0) return { ok: false, damage: 'empty' }
  // A plain Uint8Array over the same memory: what callers hand on (IPC, tests) is bytes, not a Buffer.
  if ((await sha256Hex(bytes)) === digest) return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) }
  return { ok: false, damage: bytes.every((byte) => byte === 0) ? 'zero-filled' : 'invalid' }
}

async function isWhole(dir: string, relativePath: string, digest: string): Promise<boolean> {
  return (await readChecked(dir, relativePath, digest)).ok
}

/** Moves damaged bytes aside, untouched, as `<path>.corrupt-<timestamp>` (a name no asset listing takes for an asset). */
async function quarantine(context: StoreContext, relativePath: string): Promise<string> {
  const keptAs = `${relativePath}.corrupt-${context.now().toISOString().replace(/[:.]/g, '-')}`
  await rename(join(context.dir, relativePath), join(context.dir, keptAs))
  return keptAs
}

function event(file: string, damage: RecoveryEvent['damage'], keptAs: string, outcome: RecoveryEvent['outcome'], lost: string | null, readOnly: boolean): RecoveryEvent {
  return { file, damage, keptAs, outcome, restoredFrom: null, lost, ...(readOnly ? { readOnly: true } : {}) }
}

async function listNames(folder: string): Promise<string[]> {
  try {
    return await readdir(folder)
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return []
    throw error
  }
}
