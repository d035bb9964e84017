import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TemplateSchema, type Template } from '../../src/common/brief/template'
import type { Article } from '../../src/common/model/article'
import type { Brief } from '../../src/common/model/brief'
import type { Tag } from '../../src/common/model/tag'
import { BriefingService } from '../../src/node/service'
import { LOG_FILE } from '../../src/node/store/index-log'
import { journalBytes, JOURNAL_FILE } from '../../src/node/store/journal'
import { LibraryStore } from '../../src/node/store/library-store'
import { SCHEMA_VERSION } from '../../src/node/store/library-files'
import { mirrorPathOf, writeBothCopies } from '../../src/node/store/second-copy'
import { cliInProcess } from '../cli-runner'
import { tempDir } from '../helpers'
import { annotation, article, sampleBrief, tag } from './fixtures'

/**
 * Every library file kind × every way a file is found damaged × right after its first write and
 * after many writes: on the next open everything acknowledged comes back, through the service (the
 * app's API) and through read-only CLI commands, which answer from the valid copy, warn, and write
 * nothing. Each case damages a copy of one of two libraries built once, so the matrix stays fast.
 */
const DAMAGE = {
  empty: () => Buffer.alloc(0),
  'zero-filled': (bytes: Buffer) => Buffer.alloc(bytes.length),
  truncated: (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2)),
  // Not JSON at all: a fixed pseudo-random byte pattern (the same in every run).
  garbage: (bytes: Buffer) => Buffer.from(Array.from({ length: Math.max(bytes.length, 64) }, (_, i) => (i * 193 + 71) % 251)),
  // A JSON file's version made a string; the index log's header made to name no checkpoint (its checksum then fails too).
  invalid: (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/"schemaVersion":2/, '"schemaVersion":"two"').replace(/"base"/, '"bass"')),
  deleted: null,
} as const
type Damage = keyof typeof DAMAGE

/** What a library holds that was acknowledged, and what the read-only CLI must show of it. */
interface Library {
  dir: string
  articles: Article[]
  annotationIds: Map<string, string[]>
  tags: Tag[]
  markings: string[]
  briefs: Brief[]
  /** The user's own brief template (a store file kind since it left templates/ written outside the store). */
  template: Template
  /** A multi-file change whose journal was written but not applied (a crash): applied at the next writable open. */
  pendingTag: Tag
}

async function buildLibrary(writes: number): Promise<Library> {
  const dir = await tempDir()
  const store = await LibraryStore.open(dir)
  let articles = [article(1), article(2)]
  // The first write makes the index's checkpoint, the second is the first entry of its log.
  await store.addArticles([articles[0]!])
  await store.addArticles([articles[1]!])
  const [a1, a2] = articles as [Article, Article]
  let tags: Tag[] = []
  let markings: string[] = []
  let brief = sampleBrief('Viễn thông Việt Nam-Peru')
  const builtIn = v.parse(TemplateSchema, JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'data', 'templates', 'meeting-note.json'), 'utf8')))
  let template: Template = { ...builtIn, id: 'meeting-note-copy' }
  const annotationsOf = new Map<string, ReturnType<typeof annotation>[]>([[a1.id, []], [a2.id, []]])
  for (let round = 0; round < writes; round++) {
    if (round > 0) {
      // Later rounds rewrite the index and a body through a journal, and add an article.
      const edited = { ...a1, title: `${a1.title} (sửa lần ${round})`, revision: a1.revision + round }
      await store.commit({ articles: [edited] })
      const added = article(10 + round)
      await store.addArticles([added])
      annotationsOf.set(added.id, [])
      articles = [edited, a2, ...articles.slice(2), added]
    }
    for (const id of [a1.id, a2.id]) {
      annotationsOf.set(id, [...annotationsOf.get(id)!, annotation(id, { note: `ghi chú ${round}` })])
      await store.setAnnotations(id, annotationsOf.get(id)!)
    }
    tags = [...tags, tag(`Chủ đề ${round}`)]
    await store.setTags(tags)
    markings = [...markings, `Mật ${round}`]
    await store.updateSettings({ markings })
    brief = { ...brief, audience: `Vụ châu Mỹ, lần ${round}` }
    await store.saveBrief(brief)
    template = { ...template, name: { en: `Call note ${round}`, vi: `Ghi chú cuộc gọi ${round}` } }
    await store.commit({ templates: [template] })
  }
  await store.close()
  return {
    dir,
    articles,
    annotationIds: new Map([...annotationsOf].map(([id, list]) => [id, list.map((a) => a.id).sort()])),
    tags,
    markings,
    briefs: [brief],
    template,
    pendingTag: tag('Hàng hải'),
  }
}

/** A journal written, both copies, but not applied: what a crash in the middle of a commit leaves. */
async function leavePendingJournal(dir: string, library: Library): Promise<void> {
  const tags = [...library.tags, library.pendingTag]
  await writeBothCopies(dir, JOURNAL_FILE, journalBytes({ schemaVersion: SCHEMA_VERSION, writes: [{ path: 'tags.json', data: { schemaVersion: SCHEMA_VERSION, tags } }], deletes: [] }))
}

/** Every file under `dir` with its bytes: "the folder is unchanged" means this is equal before and after. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(path.slice(dir.length + 1), (await readFile(path)).toString('base64'))
  }
  return files
}

let first: Library
let many: Library
beforeAll(async () => {
  ;[first, many] = await Promise.all([buildLibrary(1), buildLibrary(5)])
}, 60_000)
afterAll(async () => {
  await Promise.all([first, many].filter(Boolean).map((library) => rm(library.dir, { recursive: true, force: true })))
})

const TARGETS = (library: Library): string[] => {
  const [a1] = library.articles as [Article]
  const primaries = ['library.json', LOG_FILE, 'tags.json', 'settings.json', `annotations/${a1.id}.json`, `articles/${a1.id}.json`, `briefings/${library.briefs[0]!.id}.json`, `templates/${library.template.id}.json`, JOURNAL_FILE]
  return [...primaries, ...primaries.map(mirrorPathOf)]
}
const TARGET_NAMES = ['library.json', LOG_FILE, 'tags.json', 'settings.json', 'annotations/<id>.json', 'articles/<id>.json', 'briefings/<id>.json', 'templates/<id>.json', 'journal.json']
const ALL_TARGETS = [...TARGET_NAMES, ...TARGET_NAMES.map(mirrorPathOf)]

describe.each(['right after its first write', 'after many writes'] as const)('%s', (when) => {
  describe.each(ALL_TARGETS.map((name, i) => [name, i] as const))('%s', (_name, targetIndex) => {
    it.each(Object.keys(DAMAGE) as Damage[])('%s: everything acknowledged comes back', async (damage) => {
      const library = when === 'after many writes' ? many : first
      const target = TARGETS(library)[targetIndex]!
      const dir = await tempDir()
      await cp(library.dir, dir, { recursive: true })
      const isPrimary = !target.startsWith('mirror/')
      const isJournal = target.endsWith(JOURNAL_FILE)
      if (isJournal) await leavePendingJournal(dir, library)
      const path = join(dir, target)
      const original = await readFile(path)
      const damaged = DAMAGE[damage]?.(original) ?? null
      if (damaged === null) await rm(path)
      else await writeFile(path, damaged)

      // Read-only CLI commands: every acknowledged highlight, article and brief, from the valid copy; the folder untouched.
      const before = await snapshot(dir)
      const annotations = await cliInProcess(['--data-dir', dir, 'annotations', '--json'])
      const briefs = await cliInProcess(['--data-dir', dir, 'brief', 'list', '--json'])
      const tags = await cliInProcess(['--data-dir', dir, 'tags', '--json'])
      expect(await snapshot(dir)).toEqual(before)
      for (const outcome of [annotations, briefs, tags]) expect(outcome.code, outcome.stderr).toBe(0)
      const shown = JSON.parse(annotations.stdout) as { id: string; articleId: string }[]
      for (const [articleId, ids] of library.annotationIds) {
        expect(shown.filter((view) => view.articleId === articleId).map((view) => view.id).sort()).toEqual(ids)
      }
      expect((JSON.parse(briefs.stdout) as { id: string }[]).map((b) => b.id)).toEqual(library.briefs.map((b) => b.id))
      expect(JSON.stringify(JSON.parse(tags.stdout))).toContain(library.tags.at(-1)!.name)
      // Templates have no CLI listing: the read-only store the CLI opens answers from the valid copy, writing nothing.
      const readOnly = await LibraryStore.open(dir, { mode: 'read' })
      expect(readOnly.listTemplates()).toEqual([library.template])
      await readOnly.close()
      expect(await snapshot(dir)).toEqual(before)
      // Each command warns once about a damaged file it read (a read-only command never reads the journal or a second copy).
      const warnings = [annotations, briefs, tags].map((outcome) => outcome.stderr.split('\n').filter((line) => line.includes(target)).length)
      for (const count of warnings) expect(count).toBeLessThanOrEqual(1)
      if (isPrimary && !isJournal) expect(warnings[0]).toBe(1)

      // The app's API, writable: everything back, the pending journal's change applied, the repair reported.
      const service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: '1', systemLocale: 'en', searchWorker: 'in-process', parseWorker: 'in-process' })
      try {
        expect((await service.listArticles()).map((a) => a.id).sort()).toEqual(library.articles.map((a) => a.id).sort())
        for (const expected of library.articles) {
          const got = await service.getArticle({ id: expected.id })
          expect([got.title, got.revision, got.blocks]).toEqual([expected.title, expected.revision, expected.blocks])
          expect((await service.getAnnotations({ articleId: expected.id })).map((a) => a.id).sort()).toEqual(library.annotationIds.get(expected.id))
        }
        expect(await service.listTags()).toEqual(isJournal ? [...library.tags, library.pendingTag] : library.tags)
        expect((await service.getSettings()).markings).toEqual(library.markings)
        for (const expected of library.briefs) expect((await service.getBrief({ id: expected.id })).brief).toMatchObject({ id: expected.id, audience: expected.audience })
        expect((await service.listTemplates()).filter((entry) => !entry.builtIn).map((entry) => entry.template)).toEqual([library.template])
        const { recovery } = await service.libraryStatus()
        if (isPrimary && !(isJournal && damage === 'deleted')) {
          // The file came back from its second copy; its damaged bytes were kept aside.
          expect(recovery).toContainEqual(expect.objectContaining({ file: target, damage: damage === 'deleted' ? 'missing' : expect.any(String), outcome: 'copy', lost: null }))
          const event = recovery.find((candidate) => candidate.file === target)!
          if (damaged !== null) expect(await readFile(join(dir, event.keptAs))).toEqual(damaged)
        } else if (damage !== 'deleted' && !isJournal && !(target === mirrorPathOf(LOG_FILE) && damage === 'truncated' && when === 'right after its first write')) {
          // (A copy of the index log one entry behind its file, cut inside that entry, is exactly
          // what a crash between the two appends leaves: mended without a word, nothing lost.)
          expect(recovery).toContainEqual(expect.objectContaining({ file: target, outcome: 'recopied', lost: null }))
        }
        expect(recovery.filter((event) => event.outcome === 'lost' || event.outcome === 'generation')).toEqual([])
      } finally {
        await service.close()
      }
      // Both copies agree again.
      if (!isJournal) {
        const primary = isPrimary ? target : target.slice('mirror/'.length)
        expect(await readFile(join(dir, mirrorPathOf(primary)))).toEqual(await readFile(join(dir, primary)))
      }
      await rm(dir, { recursive: true, force: true })
    })
  })
})
