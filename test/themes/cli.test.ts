import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInProcess, cliProcess } from '../cli-runner'
import { ROOT, tempDir } from '../helpers'
import { HIGHLIGHTS, seededLibrary } from './library'

const cli = cliProcess

describe('CLI: search and themes', () => {
  it('search prints articles with marked snippets, and --json gives ids, fields, snippets and offsets', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const human = await cli(['--data-dir', dir, 'search', 'cap quang'])
    expect(human.stderr).toBe('')
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/^[0-9a-f]{12} {2}2023-04-24 {2}Thương mại hai chiều/m)
    expect(human.stdout).toContain('[cáp] [quang]')
    const json = await cli(['--data-dir', dir, 'search', '"cap quang"', '--json'])
    const parsed = JSON.parse(json.stdout) as { results: { articleId: string; hits: { field: string; snippet: string; snippetMarks: { start: number; end: number }[]; marks: unknown[] }[] }[] }
    const hit = parsed.results[0]!.hits.find((candidate) => candidate.field === 'body')!
    expect(hit.snippetMarks.map((mark) => hit.snippet.slice(mark.start, mark.end))).toEqual(['cáp quang'])
    expect(hit.marks).toHaveLength(1)
  })

  it('a bad query fails with one line naming the part, exit 1', async () => {
    const dir = await seededLibrary([])
    const outcome = await cli(['--data-dir', dir, 'search', 'lang:xx'])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toBe('briefing-desk: “xx” is not a language code here; use one of vi, en, es, und.\n')
    const limit = await cli(['--data-dir', dir, 'search', 'apec', '--limit', 'many'])
    expect(limit.code).toBe(2)
    expect(limit.stderr).toBe('briefing-desk: --limit: “many” is not a valid number here\n')
  })

  it('tags prints the tree with counts, in Vietnamese too, and as JSON', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const human = await cli(['--data-dir', dir, 'tags'])
    expect(human.stdout).toMatch(/^Economy {2}0\n {2}Agriculture {2}0\n/)
    expect(human.stdout).toContain('\n  Trade  1\n    CPTPP  1\n')
    const vi = await cli(['--data-dir', dir, 'tags'], { BRIEFING_LANG: 'vi' })
    expect(vi.stdout).toContain('\n  Thương mại (Trade)  1\n    Hiệp định CPTPP (CPTPP)  1\n')
    const json = JSON.parse((await cli(['--data-dir', dir, 'tags', '--json'])).stdout) as { name: string; depth: number; count: number }[]
    expect(json.find((row) => row.name === 'CPTPP')).toMatchObject({ depth: 2, count: 1 })
  })

  it('tag rename, merge and delete find names without accents; unknown and ambiguous names are clear errors', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const renamed = await cli(['--data-dir', dir, 'tag', 'rename', 'vien thong', 'Viễn thông và số hóa'])
    expect(renamed.stdout).toBe('Renamed “Telecommunications” to “Viễn thông và số hóa”.\n')
    const merged = await cli(['--data-dir', dir, 'tag', 'merge', 'Investment', 'thuong mai'])
    expect(merged.stdout).toBe('Merged “Investment” into “Trade” (1 highlights re-tagged).\n')
    const deleted = await cli(['--data-dir', dir, 'tag', 'delete', 'cptpp'])
    expect(deleted.stdout).toBe('Deleted “CPTPP” (1 highlights untagged).\n')
    const tags = JSON.parse(await readFile(join(dir, 'tags.json'), 'utf8')).tags as { name: string }[]
    expect(tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['Viễn thông và số hóa', 'Trade']))
    expect(tags.map((tag) => tag.name)).not.toContain('CPTPP')

    const unknown = await cli(['--data-dir', dir, 'tag', 'delete', 'Năng lượng'])
    expect(unknown).toMatchObject({ code: 1, stderr: 'briefing-desk: No theme is named “Năng lượng”.\n' })
    // A canonical name of one theme and an alias of another: the user must choose.
    await cli(['--data-dir', dir, 'tag', 'rename', 'Education', 'Y te'])
    const ambiguous = await cli(['--data-dir', dir, 'tag', 'delete', 'y tế'])
    expect(ambiguous).toMatchObject({ code: 1, stderr: 'briefing-desk: “y tế” could be several themes: “Society › Y te”, “Society › Health”. Use the exact name.\n' })
    const usage = await cli(['--data-dir', dir, 'tag', 'rename', 'Trade'])
    expect(usage).toMatchObject({ code: 2, stderr: 'briefing-desk: tag rename: missing argument NAME\n' })
  }, 60_000)

  it('tag export writes the taxonomy, tag import refuses a malformed file whole', async () => {
    const dir = await tempDir()
    const out = join(await tempDir(), 'themes.json')
    const exported = await cli(['--data-dir', dir, 'tag', 'export', '--out', out])
    expect(exported.stdout).toBe(`Wrote 17 themes to ${out}.\n`)
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ schemaVersion: 1, tags: expect.any(Array) })
    const before = await readFile(join(dir, 'tags.json'), 'utf8')
    const bad = join(ROOT, 'package.json')
    const refused = await cli(['--data-dir', dir, 'tag', 'import', bad])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^briefing-desk: The taxonomy file .*package\.json is not valid: .*Nothing was changed\.\n$/)
    expect(await readFile(join(dir, 'tags.json'), 'utf8')).toBe(before)
    expect((await cli(['--data-dir', dir, 'tag', 'import', out])).stdout).toBe(`Imported ${out}: 0 themes added, 17 updated.\n`)
  }, 30_000)

  it('tag add and tag remove change several highlights across articles; unknown ids fail whole, exit 1', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const stored = async () => {
      const files = (await readdir(join(dir, 'annotations'))).filter((name) => name.endsWith('.json'))
      const lists = await Promise.all(files.map(async (name) => JSON.parse(await readFile(join(dir, 'annotations', name), 'utf8')).annotations as { id: string; articleId: string; tagIds: string[] }[]))
      return lists.flat()
    }
    const annotations = await stored()
    expect(new Set(annotations.map((annotation) => annotation.articleId)).size).toBe(2)
    const ids = annotations.map((annotation) => annotation.id)
    const flags = ids.flatMap((id) => ['--annotation', id])
    // One run in its own process (the exit status a script sees), the rest in this one, for speed.

    const before = await stored()
    const unknown = await cliProcess(['--data-dir', dir, 'tag', 'add', 'Trade', ...flags, '--annotation', 'an_ffffffffffffffff'])
    expect(unknown).toMatchObject({ code: 1, stderr: 'briefing-desk: No highlight has the id “an_ffffffffffffffff”; nothing was changed.\n' })
    const malformed = await cliInProcess(['--data-dir', dir, 'tag', 'add', 'Trade', '--annotation', '../etc'])
    expect(malformed).toMatchObject({ code: 1, stderr: 'briefing-desk: No highlight has the id “../etc”; nothing was changed.\n' })
    expect(await stored()).toEqual(before)

    const added = await cliInProcess(['--data-dir', dir, 'tag', 'add', 'thuong mai', ...flags])
    expect(added).toMatchObject({ code: 0, stdout: 'Added “Trade” to 3 of 4 highlights (the others had it already).\n' })
    const tags = JSON.parse(await readFile(join(dir, 'tags.json'), 'utf8')).tags as { id: string; name: string }[]
    const trade = tags.find((tag) => tag.name === 'Trade')!.id
    expect((await stored()).every((annotation) => annotation.tagIds.includes(trade))).toBe(true)

    const created = JSON.parse((await cliInProcess(['--data-dir', dir, 'tag', 'add', 'Năng lượng', '--annotation', ids[0]!, '--json'])).stdout)
    expect(created).toMatchObject({ action: 'add', tag: 'Năng lượng', annotations: 1, annotationsChanged: 1, created: true })

    const removed = await cliInProcess(['--data-dir', dir, 'tag', 'remove', 'Trade', '--annotation', ids[0]!, '--annotation', ids[1]!], { BRIEFING_LANG: 'vi' })
    expect(removed).toMatchObject({ code: 0, stdout: 'Đã bỏ “Trade” khỏi 2 trong 2 đánh dấu (các đánh dấu còn lại vốn không có).\n' })
    const unknownTag = await cliInProcess(['--data-dir', dir, 'tag', 'remove', 'Không có', '--annotation', ids[0]!])
    expect(unknownTag).toMatchObject({ code: 1, stderr: 'briefing-desk: No theme is named “Không có”.\n' })
    const usage = await cliInProcess(['--data-dir', dir, 'tag', 'add', 'Trade'])
    expect(usage).toMatchObject({ code: 2, stderr: 'briefing-desk: tag add: missing option --annotation ID\n' })
  }, 60_000)
})
