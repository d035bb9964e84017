import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/node/store/library-store'
import { migrate, MIGRATION_STEPS } from '../../src/node/store/migrations'
import { SCHEMA_VERSION } from '../../src/node/store/library-files'
import { tempDir } from '../helpers'
import { article } from './fixtures'

const context = { now: new Date('2026-02-03T04:05:06Z'), randomHex32: () => 'ab'.repeat(16) }

/** A library as the first version of the app (format 1) wrote it. */
async function formatOneLibrary(dir: string) {
  const a = article(1)
  const { blocks: _b, captions: _c, removed: _r, origin: _o, ...summary } = a
  await mkdir(join(dir, 'articles'), { recursive: true })
  await writeFile(join(dir, 'library.json'), JSON.stringify({ schemaVersion: 1, articles: [summary] }))
  await writeFile(join(dir, 'articles', `${a.id}.json`), JSON.stringify({ schemaVersion: 1, article: a }))
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, settings: { locale: 'vi' } }))
  return a
}

describe('migration steps', () => {
  it('has one step per older version for every kind of file', () => {
    for (const steps of Object.values(MIGRATION_STEPS)) expect(steps).toHaveLength(SCHEMA_VERSION - 1)
  })

  it('1 → 2: the index gains a library id and a creation date', () => {
    const { file, fromVersion } = migrate('index', { schemaVersion: 1, articles: [] }, 'library.json', context)
    expect(fromVersion).toBe(1)
    expect(file).toEqual({ schemaVersion: 2, articles: [], libraryId: 'ab'.repeat(16), createdAt: '2026-02-03T04:05:06.000Z' })
  })

  it('1 → 2: settings gain an empty list of custom markings, keeping the language', () => {
    expect(migrate('settings', { schemaVersion: 1, settings: { locale: 'vi' } }, 'settings.json', context).file).toEqual({
      schemaVersion: 2,
      settings: { locale: 'vi', markings: [] },
    })
  })

  it('1 → 2: article bodies keep their content', () => {
    const body = { schemaVersion: 1, article: { id: 'x' } }
    expect(migrate('article', body, 'a.json', context).file).toEqual({ schemaVersion: 2, article: { id: 'x' } })
  })

  it('is pure: the input is not modified', () => {
    const input = { schemaVersion: 1, settings: { locale: null } }
    migrate('settings', input, 'settings.json', context)
    expect(input).toEqual({ schemaVersion: 1, settings: { locale: null } })
  })

  it('refuses a file from a newer version and one without a version', () => {
    expect(() => migrate('index', { schemaVersion: 99 }, 'library.json', context)).toThrow(
      expect.objectContaining({ code: 'library.newerVersion', message: expect.stringContaining('format 99') }),
    )
    expect(() => migrate('index', { articles: [] }, 'library.json', context)).toThrow(expect.objectContaining({ code: 'library.invalid' }))
  })
})

describe('opening an older library', () => {
  it('migrates it, after a backup of the library as it was', async () => {
    const dir = await tempDir()
    const a = await formatOneLibrary(dir)
    const before = await readFile(join(dir, 'library.json'), 'utf8')

    const store = await LibraryStore.open(dir)
    expect(store.listArticles().map((s) => s.id)).toEqual([a.id])
    expect(store.settings).toEqual({ locale: 'vi', markings: [] })
    expect(await store.getArticle(a.id)).toEqual(a)
    await store.close()

    const index = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'))
    expect(index.schemaVersion).toBe(2)
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(2)
    const backups = (await readdir(join(dir, 'backups'))).filter((name) => name.startsWith('pre-migration-'))
    expect(backups).toHaveLength(1)
    // The format-1 index is also kept as a generation.
    expect(await readFile(join(dir, 'backups', 'generations', 'library.json.1'), 'utf8')).toBe(before)
    // A second open has nothing left to migrate.
    await (await LibraryStore.open(dir)).close()
    expect((await readdir(join(dir, 'backups'))).filter((name) => name.startsWith('pre-migration-'))).toHaveLength(1)
  })

  it('refuses a library written by a newer version and leaves it untouched', async () => {
    const dir = await tempDir()
    await formatOneLibrary(dir)
    const future = JSON.stringify({ schemaVersion: 3, libraryId: 'x', articles: [], somethingNew: true })
    await writeFile(join(dir, 'library.json'), future)
    await expect(LibraryStore.open(dir)).rejects.toMatchObject({ code: 'library.newerVersion', message: expect.stringContaining('Update Briefing Desk') })
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(future)
    expect(await readdir(dir)).not.toContain('.lock')
  })
})
