import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { afterEach, describe, expect, it } from 'vitest'
import type { Article } from '../../src/common/model/article'
import { assetPath, sha256Hex, type PageImageBlob } from '../../src/node/store/article-assets'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'
import { article } from './fixtures'

const opened: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
})
async function open(dir: string, mode: 'write' | 'read' = 'write') {
  const store = await LibraryStore.open(dir, { mode })
  opened.push(store)
  return store
}
async function close(store: LibraryStore) {
  opened.splice(opened.indexOf(store), 1)
  await store.close()
}

/** A real page image: a WebP of a drawn page with a line of text on it, different per page. */
async function pageImage(page: number): Promise<PageImageBlob> {
  const canvas = createCanvas(300, 420)
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, 300, 420)
  context.fillStyle = '#000'
  context.font = '20px sans-serif'
  context.fillText(`Trang ${page}: hợp tác viễn thông`, 10, 40 + page * 10)
  const bytes = new Uint8Array(await canvas.encode('webp', 70))
  return { ref: { page, asset: await sha256Hex(bytes), type: 'image/webp', width: 300, height: 420, bytes: bytes.length }, bytes }
}

/** An OCR article whose record names the given page images. */
function scanned(n: number, images: readonly PageImageBlob[]): Article {
  const base = article(n)
  return { ...base, ocr: { languages: ['vie'], meanConfidence: 91, pages: images.map((image) => image.ref.page), lowConfidence: [], pageImages: images.map((image) => image.ref) } }
}

async function libraryWithScan() {
  const dir = await tempDir()
  const store = await open(dir)
  const images = [await pageImage(1), await pageImage(2)]
  const a = scanned(1, images)
  await store.commit({ articles: [a], pageImages: new Map([[a.id, images]]) })
  return { dir, store, a, images }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

describe('page images kept with an article', () => {
  it('writes each image and its second copy, and reads it back, also read-only', async () => {
    const { dir, store, a, images } = await libraryWithScan()
    for (const image of images) {
      const path = assetPath(a.id, image.ref)
      expect(path).toBe(`assets/${a.id}/${image.ref.asset}.webp`)
      expect(new Uint8Array(await readFile(join(dir, path)))).toEqual(image.bytes)
      expect(new Uint8Array(await readFile(join(dir, 'mirror', path)))).toEqual(image.bytes)
    }
    const read = await store.readPageImage(a.id, 2)
    expect(read?.ref).toEqual(images[1]!.ref)
    expect(read?.bytes).toEqual(images[1]!.bytes)
    expect(await store.readPageImage(a.id, 3)).toBeNull()
    expect(await store.readPageImage('0123456789ab', 1)).toBeNull()
    await close(store)
    const readOnly = await open(dir, 'read')
    expect((await readOnly.readPageImage(a.id, 1))?.bytes).toEqual(images[0]!.bytes)
    expect(readOnly.recoveryEvents).toEqual([])
  })

  it('refuses bytes that do not match their digest, and writes nothing', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const image = await pageImage(1)
    const a = scanned(1, [image])
    const wrong = { ...image, bytes: (await pageImage(2)).bytes }
    await expect(store.commit({ articles: [a], pageImages: new Map([[a.id, [wrong]]]) })).rejects.toThrow(/do not match/)
    expect(store.hasArticle(a.id)).toBe(false)
    expect(await exists(join(dir, 'assets', a.id))).toBe(false)
  })

  it('removes the images, both copies, when the article is deleted', async () => {
    const { dir, store, a } = await libraryWithScan()
    const other = await pageImage(3)
    const b = scanned(2, [other])
    await store.commit({ articles: [b], pageImages: new Map([[b.id, [other]]]) })
    await store.deleteArticle(a.id)
    expect(await exists(join(dir, 'assets', a.id))).toBe(false)
    expect(await exists(join(dir, 'mirror', 'assets', a.id))).toBe(false)
    expect((await store.readPageImage(b.id, 3))?.bytes).toEqual(other.bytes)
  })

  it('goes into backups and comes back with a restore; a restore removes images the backup lacks', async () => {
    const { dir, store, a, images } = await libraryWithScan()
    const out = join(await tempDir(), 'library.bdbackup')
    await store.backupTo(out)
    // After the backup: a second scanned article, whose images the backup does not hold.
    const later = await pageImage(4)
    const b = scanned(2, [later])
    await store.commit({ articles: [b], pageImages: new Map([[b.id, [later]]]) })
    // Into another, empty library.
    const target = await open(await tempDir())
    await target.restoreFrom(out)
    expect((await target.readPageImage(a.id, 1))?.bytes).toEqual(images[0]!.bytes)
    expect((await target.readPageImage(a.id, 2))?.bytes).toEqual(images[1]!.bytes)
    // Over the same library: b and its images go.
    await store.restoreFrom(out)
    expect(store.hasArticle(b.id)).toBe(false)
    expect(await exists(join(dir, 'assets', b.id))).toBe(false)
    expect(await exists(join(dir, 'mirror', 'assets', b.id))).toBe(false)
    expect((await store.readPageImage(a.id, 2))?.bytes).toEqual(images[1]!.bytes)
  })

  it('answers a damaged image from its copy, keeps the damage aside, repairs it and reports it', async () => {
    const { dir, store, a, images } = await libraryWithScan()
    const path = assetPath(a.id, images[0]!.ref)
    await writeFile(join(dir, path), Buffer.from('not the image any more'))
    expect((await store.readPageImage(a.id, 1))?.bytes).toEqual(images[0]!.bytes)
    expect(new Uint8Array(await readFile(join(dir, path)))).toEqual(images[0]!.bytes)
    const event = store.recoveryEvents.at(-1)!
    expect(event).toMatchObject({ file: path, damage: 'invalid', outcome: 'copy' })
    expect(await readFile(join(dir, event.keptAs), 'utf8')).toBe('not the image any more')
  })

  it('reports an image whose both copies are damaged as lost, and the library still opens', async () => {
    const { dir, store, a, images } = await libraryWithScan()
    await close(store)
    const path = assetPath(a.id, images[1]!.ref)
    await writeFile(join(dir, path), Buffer.alloc(100))
    await writeFile(join(dir, 'mirror', path), Buffer.from('damaged too'))
    const reopened = await open(dir)
    expect(reopened.listArticles().map((summary) => summary.id)).toEqual([a.id])
    expect(await reopened.readPageImage(a.id, 2)).toBeNull()
    expect(reopened.recoveryEvents.at(-1)).toMatchObject({ file: path, damage: 'zero-filled', outcome: 'lost', lost: `page-image:${a.id}` })
    // Page 1 is untouched, and the article's text reads as ever.
    expect((await reopened.readPageImage(a.id, 1))?.bytes).toEqual(images[0]!.bytes)
    expect((await reopened.getArticle(a.id))?.blocks).toEqual(a.blocks)
  })

  it('checks every image after opening: recopies a damaged copy, restores a deleted file, sweeps leftovers', async () => {
    const { dir, store, a, images } = await libraryWithScan()
    await close(store)
    const first = assetPath(a.id, images[0]!.ref)
    const second = assetPath(a.id, images[1]!.ref)
    await writeFile(join(dir, 'mirror', first), Buffer.from('bad copy'))
    await writeFile(join(dir, second), '')
    // A crash between writing an article's images and its record leaves a folder no article names.
    const orphan = await pageImage(9)
    const orphanPath = assetPath('feedfacecafe', orphan.ref)
    await mkdir(join(dir, 'assets', 'feedfacecafe'), { recursive: true })
    await writeFile(join(dir, orphanPath), orphan.bytes)
    const reopened = await open(dir)
    await reopened.checkAssets()
    expect(new Uint8Array(await readFile(join(dir, 'mirror', first)))).toEqual(images[0]!.bytes)
    expect(new Uint8Array(await readFile(join(dir, second)))).toEqual(images[1]!.bytes)
    expect(await exists(join(dir, 'assets', 'feedfacecafe'))).toBe(false)
    expect(reopened.recoveryEvents).toEqual([
      expect.objectContaining({ file: `mirror/${first}`, damage: 'invalid', outcome: 'recopied' }),
      expect.objectContaining({ file: second, damage: 'empty', outcome: 'copy' }),
    ])
    // Checked again: nothing left to repair.
    await reopened.checkAssets()
    expect(reopened.recoveryEvents).toHaveLength(2)
  })

  it('a read-only open reads the copy of a damaged image, reports it, and writes nothing', async () => {
    const { dir, store, a, images } = await libraryWithScan()
    await close(store)
    const path = assetPath(a.id, images[0]!.ref)
    await writeFile(join(dir, path), Buffer.from('damaged'))
    const before = (await readdir(join(dir, 'assets', a.id))).sort()
    const readOnly = await open(dir, 'read')
    expect((await readOnly.readPageImage(a.id, 1))?.bytes).toEqual(images[0]!.bytes)
    await readOnly.checkAssets()
    expect(readOnly.recoveryEvents).toEqual([expect.objectContaining({ file: path, outcome: 'copy', readOnly: true, keptAs: '' })])
    expect(await readFile(join(dir, path), 'utf8')).toBe('damaged')
    expect((await readdir(join(dir, 'assets', a.id))).sort()).toEqual(before)
  })
})
