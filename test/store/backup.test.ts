import { gzipSync, gunzipSync } from 'node:zlib'
import { mkdir, readdir, readFile, writeFile, copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readBackup } from '../../src/node/store/backup-bundle'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'
import { annotation, article, sampleBrief, tag } from './fixtures'

const context = { now: new Date(), randomHex32: () => '0'.repeat(32) }
const opened: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
})
async function open(dir: string, now?: () => Date) {
  const store = await LibraryStore.open(dir, now ? { now } : {})
  opened.push(store)
  return store
}

async function fullLibrary() {
  const dir = await tempDir()
  const store = await open(dir)
  const a = article(1)
  await store.addArticles([a, article(2)])
  await store.setAnnotations(a.id, [annotation(a.id, { note: '**Ghi chú** về Bitel' })])
  await store.setTags([tag('Viễn thông')])
  await store.saveBrief(sampleBrief('Bản tóm tắt APEC'))
  await store.updateSettings({ locale: 'vi' })
  return { dir, store, a }
}

async function snapshot(store: LibraryStore) {
  return {
    articles: [...store.listArticles()].sort((x, y) => x.id.localeCompare(y.id)),
    annotations: (await store.allAnnotations()).sort((x, y) => x.id.localeCompare(y.id)),
    tags: store.listTags(),
    briefs: store.listBriefs(),
    settings: store.settings,
  }
}

describe('portable backup', () => {
  it('holds the whole library in one verified file', async () => {
    const { dir, store } = await fullLibrary()
    const out = join(await tempDir(), 'library.bdbackup')
    const { files } = await store.backupTo(out)
    expect(files).toBe(7) // settings, tags, two articles, one annotations file, one brief, the index
    const paths: string[] = []
    const { header } = await readBackup(out, context, ({ path }) => void paths.push(path))
    expect(header).toMatchObject({ format: 'briefing-desk-backup', schemaVersion: 2 })
    expect(paths.at(-1)).toBe('library.json')
    expect(await readdir(join(dir))).not.toContain('library.bdbackup')
  })

  it('restores into another, empty library exactly', async () => {
    const { store } = await fullLibrary()
    const out = join(await tempDir(), 'library.bdbackup')
    await store.backupTo(out)
    const target = await open(await tempDir())
    await target.restoreFrom(out)
    expect(await snapshot(target)).toEqual(await snapshot(store))
  })

  it('restores over a changed library, after backing that up', async () => {
    const { dir, store, a } = await fullLibrary()
    const out = join(await tempDir(), 'library.bdbackup')
    await store.backupTo(out)
    const before = await snapshot(store)
    await store.addArticles([article(3)])
    await store.setAnnotations(a.id, [])
    await store.setTags([])
    await store.restoreFrom(out)
    expect(await snapshot(store)).toEqual(before)
    expect((await readdir(join(dir, 'backups'))).filter((name) => name.startsWith('pre-restore-'))).toHaveLength(1)
    await store.close()
    opened.pop()
    expect(await snapshot(await open(dir))).toEqual(before)
  })

  it.each([
    ['a file that is not gzip', 'backup.notBackup', (bytes: Buffer) => Buffer.concat([Buffer.from('not a backup'), bytes])],
    ['a backup cut short (whole lines)', 'backup.incomplete', (bytes: Buffer) => gzipSync(cutAtLine(gunzipSync(bytes), 0.6))],
    ['a backup cut short (mid-stream)', 'backup.incomplete', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.7))],
    ['an altered backup', 'backup.altered', (bytes: Buffer) => gzipSync(Buffer.from(gunzipSync(bytes).toString('utf8').replace('Bitel', 'Bitel!')))],
    ['a backup with an unknown path', 'backup.badEntry', (bytes: Buffer) => gzipSync(Buffer.from(gunzipSync(bytes).toString('utf8').replace('"path":"tags.json"', '"path":"../../etc/passwd"')))],
    ['a JSON file of another kind', 'backup.notBackup', () => gzipSync(Buffer.from('{"hello":"world"}\n'))],
    ['an empty file', 'backup.notBackup', () => Buffer.alloc(0)],
  ])('refuses %s with a clear error and leaves the library unchanged', async (_name, code, spoil) => {
    const { store } = await fullLibrary()
    const out = join(await tempDir(), 'library.bdbackup')
    await store.backupTo(out)
    await writeFile(out, spoil(await readFile(out)))
    const before = await snapshot(store)
    await expect(store.restoreFrom(out)).rejects.toMatchObject({ code, message: expect.stringContaining(out) })
    expect(await snapshot(store)).toEqual(before)
  })

  it('finishes a restore that a crash interrupted', async () => {
    const { store } = await fullLibrary()
    const out = join(await tempDir(), 'library.bdbackup')
    await store.backupTo(out)
    const expected = await snapshot(store)
    // A crash right after the marker was written: the copy and the marker are there, nothing applied.
    const dir = await tempDir()
    await mkdir(join(dir, 'backups'), { recursive: true })
    await copyFile(out, join(dir, 'backups', 'restoring.bdbackup'))
    await writeFile(join(dir, 'restore.json'), '{}')
    const reopened = await open(dir)
    expect(await snapshot(reopened)).toEqual(expected)
    expect(await readdir(dir)).not.toContain('restore.json')
  })

  it('keeps one daily backup per day, the newest seven', async () => {
    const { dir, store } = await fullLibrary()
    await store.close()
    opened.pop()
    for (let day = 1; day <= 9; day++) {
      const reopened = await open(dir, () => new Date(Date.UTC(2026, 2, day, 10)))
      expect(await reopened.dailyBackup()).not.toBeNull()
      expect(await reopened.dailyBackup()).toBeNull()
      await reopened.close()
      opened.pop()
    }
    expect((await readdir(join(dir, 'backups', 'daily'))).sort()).toEqual(
      ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map((day) => `${day}.bdbackup`),
    )
  })
})

describe('journal', () => {
  it('applies a multi-file change that a crash interrupted, and drops a half-written journal', async () => {
    const { dir, store, a } = await fullLibrary()
    await store.close()
    opened.pop()
    const replacement = [annotation(a.id, { note: 'sau sự cố' })]
    await writeFile(
      join(dir, 'journal.json'),
      JSON.stringify({
        schemaVersion: 2,
        writes: [
          { path: `annotations/${a.id}.json`, data: { schemaVersion: 2, articleId: a.id, annotations: replacement } },
          { path: 'tags.json', data: { schemaVersion: 2, tags: [] } },
        ],
        deletes: [],
      }),
    )
    const reopened = await open(dir)
    expect(await reopened.getAnnotations(a.id)).toEqual(replacement)
    expect(reopened.listTags()).toEqual([])
    await reopened.close()
    opened.pop()

    await writeFile(join(dir, 'journal.json'), '{"schemaVersion":2,"writes":[{"path":"tags.js')
    const again = await open(dir)
    expect(again.listTags()).toEqual([])
    expect(await readdir(dir)).not.toContain('journal.json')
  })
})

function cutAtLine(text: Buffer, fraction: number): Buffer {
  const cut = text.lastIndexOf(10, Math.floor(text.length * fraction))
  return text.subarray(0, cut + 1)
}
