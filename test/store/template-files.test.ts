import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { TemplateSchema, type Template } from '../../src/common/brief/template'
import type { LibraryChange } from '../../src/common/model/library-change'
import { TemplateLibrary } from '../../src/node/briefs/template-library'
import { LibraryStore } from '../../src/node/store/library-store'
import { mirrorPathOf } from '../../src/node/store/second-copy'
import { tempDir } from '../helpers'

const BUILT_IN_DIR = join(import.meta.dirname, '..', '..', 'data', 'templates')
const dirs: string[] = []
const opened: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
async function fresh(): Promise<string> {
  const dir = await tempDir()
  dirs.push(dir)
  return dir
}
async function open(dir: string, mode: 'read' | 'write' = 'write'): Promise<LibraryStore> {
  const store = await LibraryStore.open(dir, { mode })
  opened.push(store)
  return store
}
async function userTemplate(id: string): Promise<Template> {
  const builtIn = v.parse(TemplateSchema, JSON.parse(await readFile(join(BUILT_IN_DIR, 'meeting-note.json'), 'utf8')))
  return { ...builtIn, id, name: { en: `Note ${id}`, vi: `Ghi chú ${id}` } }
}

describe('user brief templates are a store file kind', () => {
  it('are written with their second copy, announced on the change feed, and deleted keeping a generation', async () => {
    const dir = await fresh()
    const store = await open(dir)
    const changes: LibraryChange[] = []
    store.onChange((change) => changes.push(change))
    const templates = new TemplateLibrary(BUILT_IN_DIR, store)
    const template = await userTemplate('call-note')
    await templates.save(template)
    const path = 'templates/call-note.json'
    const bytes = await readFile(join(dir, path))
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ schemaVersion: 2, template })
    expect(await readFile(join(dir, mirrorPathOf(path)))).toEqual(bytes)
    await templates.save({ ...template, description: { en: 'Edited', vi: 'Đã sửa' } })
    await templates.remove('call-note')
    expect(changes.map(({ seq: _, ...change }) => [change.templates, change.deletedTemplates])).toEqual([
      [['call-note'], undefined],
      [['call-note'], undefined],
      [undefined, ['call-note']],
    ])
    expect(changes.map((change) => change.seq)).toEqual([1, 2, 3])
    await expect(readFile(join(dir, path))).rejects.toThrow('ENOENT')
    await expect(readFile(join(dir, mirrorPathOf(path)))).rejects.toThrow('ENOENT')
    // Both earlier versions stay as generations, and the deleted one too.
    expect((await readdir(join(dir, 'backups', 'generations', 'templates'))).filter((name) => name.startsWith('call-note.json.'))).toHaveLength(2)
    // A built-in id is refused and writes nothing.
    await expect(templates.save({ ...template, id: 'meeting-note' })).rejects.toMatchObject({ code: 'brief.templateBuiltIn' })
    expect(changes).toHaveLength(3)
  })

  it('travel in backups and come back with a restore', async () => {
    const dir = await fresh()
    const store = await open(dir)
    const template = await userTemplate('call-note')
    await store.commit({ templates: [template] })
    const backup = join(await fresh(), 'library.bdbackup')
    await store.backupTo(backup)
    await store.commit({ deletedTemplates: ['call-note'] })
    expect(store.listTemplates()).toEqual([])
    await store.restoreFrom(backup)
    expect(store.listTemplates()).toEqual([template])
  })

  it('migrate transparently from the bare files written outside the store, and a read-only open reads those unchanged', async () => {
    const dir = await fresh()
    await (await LibraryStore.open(dir)).close()
    const template = await userTemplate('old-note')
    await mkdir(join(dir, 'templates'), { recursive: true })
    // As template-library.ts wrote them before: the bare template, pretty-printed, no second copy.
    const legacy = `${JSON.stringify(template, null, 2)}\n`
    await writeFile(join(dir, 'templates', 'old-note.json'), legacy)

    const reader = await open(dir, 'read')
    expect(reader.listTemplates()).toEqual([template])
    expect(await readFile(join(dir, 'templates', 'old-note.json'), 'utf8')).toBe(legacy)
    await expect(readFile(join(dir, mirrorPathOf('templates/old-note.json')))).rejects.toThrow('ENOENT')

    const store = await open(dir)
    expect(store.listTemplates()).toEqual([template])
    const bytes = await readFile(join(dir, 'templates', 'old-note.json'))
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ schemaVersion: 2, template })
    expect(await readFile(join(dir, mirrorPathOf('templates/old-note.json')))).toEqual(bytes)
    // The file as it was is kept: in the backup made before migrating.
    expect((await readdir(join(dir, 'backups'))).some((name) => name.startsWith('pre-migration'))).toBe(true)
  })
})
