import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONSULTATIONS } from './open-library'
import { cli, sampleLibrary } from './run'

interface View {
  id: string
  articleId: string
  status: string
  color: string
  note: string
  tags: string[]
  selector: { type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number }[]
}

async function annotationsOf(dir: string, id = CONSULTATIONS): Promise<View[]> {
  const { code, stdout, stderr } = await cli(dir, ['annotations', id, '--json'])
  expect(stderr).toBe('')
  expect(code).toBe(0)
  return JSON.parse(stdout) as View[]
}

describe('annotate, annotations', () => {
  it('highlights a quote with colour, tags and a note, and lists it with its W3C selectors', async () => {
    const dir = await sampleLibrary()
    const done = await cli(dir, ['annotate', CONSULTATIONS, '--quote', 'Biển Đông', '--color', 'blue', '--tag', 'Maritime', '--tag', 'Biển Đông', '--note', 'Key *sentence*'])
    expect(done).toMatchObject({ code: 0, stderr: '' })
    expect(done.stdout).toMatch(new RegExp(`^Highlighted “Biển Đông” in article ${CONSULTATIONS} \\(an_[0-9a-f]{16}\\)\\.\\n$`))

    // “Biển Đông” is an alias of the starter taxonomy's “Maritime security”: the tag is found, not duplicated.
    const [view] = await annotationsOf(dir)
    expect(view).toMatchObject({ articleId: CONSULTATIONS, status: 'anchored', color: 'blue', note: 'Key *sentence*', tags: ['Maritime', 'Maritime security'] })
    expect(view!.selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'Biển Đông', prefix: expect.stringMatching(/trao đổi về tình hình $/), suffix: expect.stringMatching(/^, nhấn mạnh/) },
      { type: 'TextPositionSelector', start: expect.any(Number), end: expect.any(Number) },
    ])
    expect(view!.selector[1]!.end! - view!.selector[1]!.start!).toBe('Biển Đông'.length)

    const human = await cli(dir, ['annotations', CONSULTATIONS])
    expect(human.stdout).toContain(`${CONSULTATIONS}  Việt Nam và Peru tổ chức Tham vấn chính trị lần thứ 5 tại Lima`)
    expect(human.stdout).toContain('  “Biển Đông”\n  Tags: Maritime, Maritime security\n  Note: Key *sentence*')
    expect(human.stdout.trim().endsWith('1 highlight')).toBe(true)
  })

  it('finds an NFD quote with other spacing, and picks an occurrence', async () => {
    const dir = await sampleLibrary()
    expect((await cli(dir, ['annotate', CONSULTATIONS, '--quote', '  Thứ   trưởng  '.normalize('NFD'), '--occurrence', '3'])).code).toBe(0)
    const [view] = await annotationsOf(dir)
    expect(view!.selector[0]!.exact).toBe('Thứ trưởng')
    expect(view!.color).toBe('yellow')
    const texts = JSON.parse((await cli(dir, ['show', CONSULTATIONS, '--json'])).stdout).blocks.map((b: { text: string }) => b.text).join('\n\n') as string
    let third = -1
    for (let i = 0; i < 3; i++) third = texts.indexOf('Thứ trưởng', third + 1)
    expect(view!.selector[1]!.start).toBe([...texts.slice(0, third)].length)
  })

  it.each([
    [['annotate', CONSULTATIONS, '--quote', 'Hà Nội'], 1, `briefing-desk: The text “Hà Nội” does not occur in article ${CONSULTATIONS}.`],
    [['annotate', CONSULTATIONS, '--quote', 'Peru', '--occurrence', '40'], 1, `briefing-desk: There is no occurrence 40 of “Peru” in article ${CONSULTATIONS} (occurrences found: 9).`],
    [['annotate', CONSULTATIONS, '--quote', 'Peru'], 1, `briefing-desk: The text “Peru” occurs 9 times in article ${CONSULTATIONS}: choose one with --occurrence 1 to 9.`],
    [['annotate', CONSULTATIONS, '--quote', 'Lima', '--color', 'red'], 2, 'briefing-desk: “red” is not a highlight colour; use one of yellow, green, blue, pink, purple'],
    [['annotate', CONSULTATIONS, '--quote', 'Lima', '--occurrence', '0'], 2, 'briefing-desk: --occurrence must be a whole number from 1, not “0”'],
    [['annotate', CONSULTATIONS], 2, 'briefing-desk: annotate: missing option --quote TEXT'],
    [['annotate', 'ffffffffffff', '--quote', 'Lima'], 1, 'briefing-desk: No article has the id “ffffffffffff”.'],
    [['annotate', CONSULTATIONS, '--quote', 'Lima', '--occurrence', '1', '--tag', 'x'.repeat(121)], 1, 'briefing-desk: The request “createAnnotation” was refused: tags.0: Invalid length: Expected <=120 but received 121'],
    [['annotations', CONSULTATIONS, 'extra'], 2, 'briefing-desk: annotations: unexpected argument “extra”'],
  ])('fails clearly for %j, changing nothing', async (args, expectedCode, message) => {
    const dir = await sampleLibrary()
    const { code, stdout, stderr } = await cli(dir, args as string[])
    expect(stderr.trim().split('\n')).toEqual([message])
    expect(code).toBe(expectedCode)
    expect(stdout).toBe('')
    expect(await annotationsOf(dir)).toEqual([])
  })

  it('prints notes on one line without terminal control characters', async () => {
    const dir = await sampleLibrary()
    await cli(dir, ['annotate', CONSULTATIONS, '--quote', 'ASEAN', '--note', 'line one\n\nline \u001b[2Jtwo'])
    expect((await cli(dir, ['annotations'])).stdout).toContain('  Note: line one line \uFFFD[2Jtwo\n')
    expect((await annotationsOf(dir))[0]!.note).toBe('line one\n\nline \u001b[2Jtwo')
  })

  it('speaks Vietnamese', async () => {
    const dir = await sampleLibrary()
    const { stderr } = await cli(dir, ['annotate', CONSULTATIONS, '--quote', 'Hà Nội'], { BRIEFING_LANG: 'vi' })
    expect(stderr).toBe(`briefing-desk: Đoạn “Hà Nội” không có trong bài viết ${CONSULTATIONS}.\n`)
  })

  it('lists the whole library without an id, and says when there is nothing', async () => {
    const dir = await sampleLibrary()
    expect((await cli(dir, ['annotations'])).stdout).toBe('No highlights.\n')
    await cli(dir, ['annotate', CONSULTATIONS, '--quote', 'APEC', '--occurrence', '1'])
    await cli(dir, ['annotate', 'c3c0090a9111', '--quote', '600 triệu USD', '--occurrence', '1'])
    const all = JSON.parse((await cli(dir, ['annotations', '--json'])).stdout) as View[]
    expect(all.map((view) => view.articleId).sort()).toEqual([CONSULTATIONS, 'c3c0090a9111'].sort())
  })
})

describe('edit', () => {
  it('replaces the text and reports highlights that moved and became orphans', async () => {
    const dir = await sampleLibrary()
    await cli(dir, ['annotate', CONSULTATIONS, '--quote', 'Đại sứ Bùi Văn Nghị'])
    await cli(dir, ['annotate', CONSULTATIONS, '--quote', 'tự do hàng hải, hàng không'])
    const text = (JSON.parse((await cli(dir, ['show', CONSULTATIONS, '--json'])).stdout).blocks as { text: string }[]).map((b) => b.text)
    const file = join(dir, 'edited.txt')
    await writeFile(file, `\uFEFFBản tin ngắn.\r\n\r\n${text.filter((block) => !block.includes('Biển Đông')).join('\r\n\r\n')}\r\n`)
    const done = await cli(dir, ['edit', CONSULTATIONS, '--text-file', file])
    expect(done).toEqual({ code: 0, stderr: '', stdout: `Article ${CONSULTATIONS} saved as revision 2. Highlights: 1 moved with their text, 1 became orphans, 2 in all.\n` })
    expect((await annotationsOf(dir)).map((view) => [view.status, view.selector.length])).toEqual([
      ['anchored', 2],
      ['orphan', 1],
    ])
    expect((await cli(dir, ['annotations', CONSULTATIONS])).stdout).toContain('orphan: its text is no longer in the article\n  “tự do hàng hải, hàng không”')

    const again = await cli(dir, ['edit', CONSULTATIONS, '--text-file', file, '--json'])
    expect(JSON.parse(again.stdout)).toMatchObject({ id: CONSULTATIONS, revision: 2, changed: false, moved: 0, orphaned: 0 })
  })

  it.each([
    [['edit', CONSULTATIONS], 2, 'briefing-desk: edit: missing option --text-file F'],
    [['edit', CONSULTATIONS, '--text-file', 'nowhere.txt'], 1, expect.stringMatching(/^briefing-desk: The file .*nowhere\.txt does not exist\.$/)],
    [['edit', CONSULTATIONS, '--text-file', 'EMPTY'], 1, `briefing-desk: The new text of article ${CONSULTATIONS} is empty: an article needs at least one paragraph.`],
  ])('fails clearly for %j, leaving the article as it was', async (args, expectedCode, message) => {
    const dir = await sampleLibrary()
    const empty = join(dir, 'empty.txt')
    await writeFile(empty, '\n\n  \n')
    const before = (await cli(dir, ['show', CONSULTATIONS, '--json'])).stdout
    const { code, stderr } = await cli(dir, (args as string[]).map((arg) => (arg === 'EMPTY' ? empty : arg)))
    expect(stderr.trim().split('\n')).toEqual([message])
    expect(code).toBe(expectedCode)
    expect((await cli(dir, ['show', CONSULTATIONS, '--json'])).stdout).toBe(before)
  })
})

describe('export-annotations, import-annotations', () => {
  it('exports W3C JSON-LD that imports into a fresh library as the same highlights, once', async () => {
    const source = await sampleLibrary()
    await cli(source, ['annotate', CONSULTATIONS, '--quote', 'Biển Đông', '--color', 'pink', '--tag', 'Maritime', '--note', 'note **1**'])
    await cli(source, ['annotate', CONSULTATIONS, '--quote', 'Thứ trưởng', '--occurrence', '2', '--color', 'green'])
    await cli(source, ['annotate', 'c3c0090a9111', '--quote', '600 triệu USD', '--occurrence', '1', '--tag', 'Trade', '--tag', 'maritime'])
    const out = join(source, 'export.jsonld')
    expect(await cli(source, ['export-annotations', '--format', 'w3c', '--out', out])).toEqual({ code: 0, stderr: '', stdout: `3 highlights written to ${out}.\n` })
    const file = JSON.parse(await readFile(out, 'utf8'))
    expect(file).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 3 })
    expect(file.first.items[0]).toMatchObject({ type: 'Annotation', motivation: 'highlighting', target: { source: expect.stringMatching(/^urn:briefing-desk:article:/) } })

    const exists = await cli(source, ['export-annotations', '--format', 'w3c', '--out', out])
    expect(exists.code).toBe(2)
    expect(exists.stderr).toBe(`briefing-desk: ${out} already exists (add --force to replace it)\n`)
    expect((await cli(source, ['export-annotations', '--format', 'w3c', '--out', out, '--force'])).code).toBe(0)

    const target = await sampleLibrary()
    const imported = await cli(target, ['import-annotations', out, '--json'])
    expect(imported.stderr).toBe('')
    expect(JSON.parse(imported.stdout)).toEqual({ path: out, added: 3, skipped: 0, orphaned: 0 })
    const strip = (views: View[]) => views.map(({ id, articleId, status, color, note, tags, selector }) => ({ id, articleId, status, color, note, tags, selector }))
    expect(strip(JSON.parse((await cli(target, ['annotations', '--json'])).stdout))).toEqual(strip(JSON.parse((await cli(source, ['annotations', '--json'])).stdout)))

    const twice = await cli(target, ['import-annotations', out])
    expect(twice.stdout).toBe(`From ${out}: 0 highlights added (0 of them orphans), 3 skipped (already there, or of articles not in this library).\n`)
  })

  it.each([
    ['wrong format', ['export-annotations', '--format', 'csv', '--out', 'x.json'], 2, 'briefing-desk: export-annotations: the format “csv” is not supported; use w3c'],
    ['no format', ['export-annotations', '--out', 'x.json'], 2, 'briefing-desk: export-annotations: missing option --format w3c'],
    ['no file', ['import-annotations'], 2, 'briefing-desk: import-annotations: missing argument FILE'],
  ])('fails clearly: %s', async (_label, args, expectedCode, message) => {
    const dir = await sampleLibrary()
    const { code, stderr } = await cli(dir, args as string[])
    expect(stderr).toBe(`${message}\n`)
    expect(code).toBe(expectedCode)
  })
})
