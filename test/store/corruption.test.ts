import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DamageKind } from '../../src/common/model/recovery'
import { LibraryStore } from '../../src/node/store/library-store'
import { mirrorPathOf } from '../../src/node/store/second-copy'
import { tempDir } from '../helpers'
import { annotation, article, sampleBrief, tag } from './fixtures'

/** Ways a file is found damaged after a crash, a full disk or a bad copy. */
const DAMAGE: Record<Exclude<DamageKind, 'missing' | 'not-json'>, (text: string) => Buffer> = {
  empty: () => Buffer.alloc(0),
  'zero-filled': (text) => Buffer.alloc(Buffer.byteLength(text)),
  truncated: (text) => Buffer.from(text.slice(0, Math.floor(text.length / 2))),
  invalid: (text) => Buffer.from(text.replace('"schemaVersion":2', '"schemaVersion":2,"extra":1').replace(/"(color|name|locale|title)":"[^"]*"/, '"$1":42')),
}

const opened: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
})
async function open(dir: string) {
  const store = await LibraryStore.open(dir)
  opened.push(store)
  return store
}

/** A library whose files have each been saved twice, so each has an earlier generation. */
async function libraryWithHistory() {
  const dir = await tempDir()
  const store = await open(dir)
  const a = article(1)
  const theme = tag('Viễn thông')
  const brief = sampleBrief('Viễn thông Việt Nam-Peru')
  await store.addArticles([a])
  await store.addArticles([article(2)])
  const first = annotation(a.id, { note: 'phiên bản đầu' })
  const second = annotation(a.id, { note: 'phiên bản sau' })
  await store.setAnnotations(a.id, [first])
  await store.setAnnotations(a.id, [first, second])
  await store.setTags([theme])
  await store.setTags([theme, tag('Thương mại')])
  await store.saveBrief(brief)
  await store.saveBrief({ ...brief, audience: 'Thứ trưởng' })
  await store.updateSettings({ locale: 'vi' })
  await store.updateSettings({ markings: ['Mật'] })
  await store.close()
  opened.pop()
  return { dir, a, first, second, theme, brief }
}

/** Damages a file and its second copy alike: a double fault, which only earlier generations can repair. */
async function damage(path: string, kind: keyof typeof DAMAGE) {
  const bytes = DAMAGE[kind](await readFile(path, 'utf8'))
  await writeFile(path, bytes)
  const dir = path.slice(0, path.search(/\/(annotations|articles|briefings)\/|\/[a-z]+\.json$/))
  await writeFile(join(dir, mirrorPathOf(path.slice(dir.length + 1))), bytes)
}

describe.each(Object.keys(DAMAGE) as (keyof typeof DAMAGE)[])('a %s file and its second copy alike', (kind) => {
  it('annotations: moved aside untouched, restored from the previous generation, reported', async () => {
    const { dir, a, first } = await libraryWithHistory()
    const path = join(dir, 'annotations', `${a.id}.json`)
    await damage(path, kind)
    const damagedBytes = await readFile(path)
    const store = await open(dir)
    expect(await store.getAnnotations(a.id)).toEqual([first])
    const [event] = store.recoveryEvents
    expect(event).toMatchObject({ file: `annotations/${a.id}.json`, damage: kind, outcome: 'generation', restoredFrom: expect.any(String) })
    expect(await readFile(join(dir, event!.keptAs))).toEqual(damagedBytes)
  })

  it('tags, settings and briefs: restored from the previous generation', async () => {
    const { dir, theme, brief } = await libraryWithHistory()
    await damage(join(dir, 'tags.json'), kind)
    await damage(join(dir, 'settings.json'), kind)
    await damage(join(dir, 'briefings', `${brief.id}.json`), kind)
    const store = await open(dir)
    expect(store.listTags()).toEqual([theme])
    expect(store.settings).toEqual({ locale: 'vi', markings: [] })
    expect(store.getBrief(brief.id)).toEqual(brief)
    expect(store.recoveryEvents.map((event) => [event.file, event.damage, event.outcome]).sort()).toEqual(
      [
        [`briefings/${brief.id}.json`, kind, 'generation'],
        ['settings.json', kind, 'generation'],
        ['tags.json', kind, 'generation'],
      ].sort(),
    )
  })

  it('the index: rebuilt from the article bodies, nothing missing', async () => {
    const { dir } = await libraryWithHistory()
    // The index as listed: its checkpoint library.json with the log's changes since.
    const reader = await LibraryStore.open(dir, { mode: 'read' })
    const before = { articles: [...reader.listArticles()] }
    await reader.close()
    await damage(join(dir, 'library.json'), kind)
    const store = await open(dir)
    expect([...store.listArticles()].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [...before.articles].sort((x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id)),
    )
    expect(store.recoveryEvents).toEqual([expect.objectContaining({ file: 'library.json', damage: kind, outcome: 'rebuilt', lost: null })])
    expect((await readdir(dir)).some((name) => name.startsWith('library.json.corrupt-'))).toBe(true)
    expect((await readdir(join(dir, 'mirror'))).some((name) => name.startsWith('library.json.corrupt-'))).toBe(true)
  })
})

describe('damage to a file and its second copy, with no earlier copy', () => {
  it('reports what is lost, keeps the damaged file, and opens the rest', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    await store.setAnnotations(a.id, [annotation(a.id)])
    await store.close()
    opened.pop()
    await damage(join(dir, 'annotations', `${a.id}.json`), 'zero-filled')
    const reopened = await open(dir)
    expect(await reopened.getAnnotations(a.id)).toEqual([])
    expect(reopened.recoveryEvents).toEqual([
      expect.objectContaining({ file: `annotations/${a.id}.json`, damage: 'zero-filled', outcome: 'lost', lost: `annotations:${a.id}` }),
    ])
    expect((await readdir(join(dir, 'annotations'))).some((name) => name.includes('.corrupt-'))).toBe(true)
  })

  it('a damaged article body is reported lost, and the library still lists it', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    await store.close()
    opened.pop()
    await damage(join(dir, 'articles', `${a.id}.json`), 'truncated')
    const reopened = await open(dir)
    expect(reopened.listArticles()).toHaveLength(1)
    expect(await reopened.getArticle(a.id)).toBeNull()
    expect(reopened.recoveryEvents).toEqual([expect.objectContaining({ damage: 'truncated', outcome: 'lost', lost: `article:${a.id}` })])
  })

  it('read-only opening answers from the second copy, says so, and writes nothing', async () => {
    const { dir, theme } = await libraryWithHistory()
    await writeFile(join(dir, 'library.json'), '')
    await writeFile(join(dir, 'tags.json'), '{"schemaVersion":2,"tags":[')
    const store = await LibraryStore.open(dir, { mode: 'read' })
    expect(store.listArticles()).toHaveLength(2)
    expect(store.listTags()).toEqual([theme, expect.objectContaining({ name: 'Thương mại' })])
    expect(store.recoveryEvents).toEqual([
      expect.objectContaining({ file: 'library.json', damage: 'empty', outcome: 'copy', keptAs: '', readOnly: true }),
      expect.objectContaining({ file: 'tags.json', damage: 'truncated', outcome: 'copy', keptAs: '', readOnly: true }),
    ])
    await store.close()
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe('')
  })

  it('read-only opening with the index and its copy damaged lists the articles rebuilt in memory', async () => {
    const { dir } = await libraryWithHistory()
    await damage(join(dir, 'library.json'), 'empty')
    const store = await LibraryStore.open(dir, { mode: 'read' })
    expect(store.listArticles()).toHaveLength(2)
    expect(store.recoveryEvents).toEqual([expect.objectContaining({ file: 'library.json', outcome: 'rebuilt', keptAs: '', readOnly: true })])
    await store.close()
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe('')
  })
})
