import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { cliInProcess, cliProcess, type CliOutcome } from '../cli-runner'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'
import { QUOTES, seedLibrary } from './seed'

const run = promisify(execFile)

/** Runs the CLI in-process, as main.ts does, on a seeded library. */
function cli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return cliInProcess(['--data-dir', dir, ...args], env)
}

async function seeded(): Promise<string> {
  const dir = await tempDir()
  await seedLibrary(dir)
  return dir
}

describe('brief and export commands', () => {
  it('creates a brief from a template and themes named as the user writes them, and prints it as JSON with its id', async () => {
    const dir = await seeded()
    const created = await cli(dir, ['brief', 'create', '--title', 'Peru', '--template', 'Talking points', '--tag', 'thương mại', '--tag', 'Telecom', '--json'])
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    const brief = JSON.parse(created.stdout)
    expect(brief.id).toMatch(/^br_[0-9a-f]{16}$/)
    // Written in its sources' language (Vietnamese); the themes' sections where the template puts them.
    expect(brief.lang).toBe('vi')
    expect(brief.sections.map((section: { heading: string }) => section.heading)).toEqual(['Mục tiêu', 'Các ý cần nêu', 'Thương mại', 'Viễn thông', 'Nếu được hỏi', 'Những điểm cần tránh'])
    const listed = await cli(dir, ['brief', 'list', '--json'])
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: brief.id, title: 'Peru', passages: 4 })])
    const human = await cli(dir, ['brief', 'list'])
    expect(human.stdout).toMatch(new RegExp(`^${brief.id} {2}\\d{4}-\\d\\d-\\d\\d +4 {2}Peru$`, 'm'))
    expect(human.stdout).toContain('1 brief')
    const shown = await cli(dir, ['brief', 'show', brief.id])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain('# Peru')
    expect(shown.stdout).toContain(QUOTES.quarter)
    expect(JSON.parse((await cli(dir, ['brief', 'show', brief.id, '--json'])).stdout).brief.id).toBe(brief.id)
  })

  it('lists and shows briefs from another process while the library is held open, as the app holds it', { timeout: 90_000 }, async () => {
    const dir = await seeded()
    const { id } = JSON.parse((await cli(dir, ['brief', 'create', '--title', 'Peru', '--tag', 'Trade', '--json'])).stdout)
    const app = await LibraryStore.open(dir, { purpose: 'Briefing Desk' })
    try {
      const listed = await cliProcess(['--data-dir', dir, 'brief', 'list', '--json'])
      expect(listed.stderr).toBe('')
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id, title: 'Peru' })])
      const shown = await cliProcess(['--data-dir', dir, 'brief', 'show', id])
      expect([shown.code, shown.stderr]).toEqual([0, ''])
      expect(shown.stdout).toContain('# Peru')
      // Creating still needs the library to itself, and says who holds it.
      const created = await cliProcess(['--data-dir', dir, 'brief', 'create', '--title', 'Chile'], { BRIEFING_LOCK_WAIT_MS: '0' })
      expect(created.code).toBe(1)
      expect(created.stderr).toMatch(/in use by Briefing Desk, pid \d+/)
    } finally {
      await app.close()
    }
    expect(JSON.parse((await cli(dir, ['brief', 'list', '--json'])).stdout)).toHaveLength(1)
  })

  it('exports to md, html and pdf, refusing to overwrite without --force', { timeout: 90_000 }, async () => {
    const dir = await seeded()
    const { id } = JSON.parse((await cli(dir, ['brief', 'create', '--title', 'Thương mại', '--tag', 'Trade', '--json'])).stdout)
    const out = await tempDir()
    for (const format of ['md', 'html', 'pdf']) {
      const file = join(out, `brief.${format}`)
      const outcome = await cli(dir, ['export', id, '--format', format, '--out', file, '--json'])
      expect(outcome.stderr, format).toBe('')
      expect(JSON.parse(outcome.stdout)).toMatchObject({ path: file, format })
    }
    expect(await readFile(join(out, 'brief.md'), 'utf8')).toContain(QUOTES.total)
    const { stdout: pdfText } = await run('pdftotext', [join(out, 'brief.pdf'), '-'])
    expect(pdfText.normalize('NFC').replace(/\s+/g, ' ')).toContain(QUOTES.quarter)
    await writeFile(join(out, 'taken.md'), 'mine')
    const refused = await cli(dir, ['export', id, '--format', 'md', '--out', join(out, 'taken.md')])
    expect(refused).toMatchObject({ code: 1, stdout: '' })
    expect(refused.stderr.trim().split('\n')).toEqual([`briefing-desk: The file ${join(out, 'taken.md')} already exists: choose another name, or add --force to replace it.`])
    expect(await readFile(join(out, 'taken.md'), 'utf8')).toBe('mine')
    expect((await cli(dir, ['export', id, '--format', 'md', '--out', join(out, 'taken.md'), '--force'])).code).toBe(0)
    expect(await readFile(join(out, 'taken.md'), 'utf8')).toContain('# Thương mại')
  })

  it('lays a talking-points brief from themes out by the template: no empty headings in its exports, in the language asked for', { timeout: 90_000 }, async () => {
    const dir = await seeded()
    const created = await cli(dir, ['brief', 'create', '--title', 'Peru', '--template', 'talking-points', '--tag', 'Trade', '--tag', 'Telecom', '--lang', 'en', '--json'])
    expect(created.stderr).toBe('')
    const brief = JSON.parse(created.stdout)
    expect(brief.lang).toBe('en')
    expect(brief.sections.map((section: { heading: string }) => section.heading)).toEqual(['Objectives', 'Points to make', 'Trade', 'Telecom', 'If raised', 'Points to avoid'])
    const out = await tempDir()
    await cli(dir, ['export', brief.id, '--format', 'md', '--out', join(out, 'brief.md')])
    const markdown = await readFile(join(out, 'brief.md'), 'utf8')
    expect([...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(['Trade', 'Telecom', 'Key figures', 'Sources'])
    // English labels for Vietnamese sources, because English was asked for.
    expect(markdown).toMatch(/\(footnotes 1, 2, 3\)$/m)
    await cli(dir, ['export', brief.id, '--format', 'pdf', '--out', join(out, 'brief.pdf')])
    const { stdout: pdfText } = await run('pdftotext', ['-enc', 'UTF-8', join(out, 'brief.pdf'), '-'])
    for (const empty of ['Objectives', 'Points to make', 'If raised', 'Points to avoid']) expect(pdfText).not.toContain(empty)
    expect(pdfText).toContain('Telecom')
    // Without --lang, the brief speaks its sources' language, and `brief show` prints it so.
    const vietnamese = JSON.parse((await cli(dir, ['brief', 'create', '--title', 'Peru', '--tag', 'Trade', '--json'])).stdout)
    const shown = await cli(dir, ['brief', 'show', vietnamese.id])
    expect(shown.stdout).toContain('## Nguồn tham khảo')
    expect(shown.stdout).not.toMatch(/Sources|footnote|paragraph/)
  })

  it('says clearly what is wrong, in one line, with exit 2 for a malformed command line and 1 for a failure', async () => {
    const dir = await seeded()
    const cases: [string[], number, string][] = [
      [['brief', 'create'], 2, 'briefing-desk: brief create: missing option --title T'],
      [['brief', 'frobnicate'], 2, 'briefing-desk: brief: “frobnicate” is not an action; use create, list, show or refresh'],
      [['brief', 'show'], 2, 'briefing-desk: brief show: missing argument ID'],
      [['brief', 'show', 'br_0000000000000000'], 1, 'briefing-desk: No brief has the id “br_0000000000000000”.'],
      [['brief', 'create', '--title', 'x', '--tag', 'Astronomy'], 1, 'briefing-desk: No theme is named “Astronomy” or has that id.'],
      [['brief', 'create', '--title', 'x', '--template', 'memo'], 1, 'briefing-desk: No template is called “memo”.'],
      [['brief', 'create', '--title', 'x', '--lang', 'fr'], 2, 'briefing-desk: brief create: --lang must be en or vi (got “fr”)'],
      [['export', 'br_0000000000000000', '--format', 'docx', '--out', 'x'], 2, 'briefing-desk: export: --format must be md, pdf or html (got “docx”)'],
      [['export', 'br_0000000000000000', '--format', 'md'], 2, 'briefing-desk: export: missing option --out FILE'],
    ]
    for (const [args, code, message] of cases) {
      const outcome = await cli(dir, args)
      expect([outcome.code, outcome.stderr.trim()], args.join(' ')).toEqual([code, message])
    }
    expect(JSON.parse((await cli(dir, ['brief', 'list', '--json'])).stdout)).toEqual([])
  })

  it('names a missing Chromium when asked for a PDF, and writes nothing', async () => {
    const dir = await seeded()
    const { id } = JSON.parse((await cli(dir, ['brief', 'create', '--title', 'x', '--json'])).stdout)
    const file = join(await tempDir(), 'x.pdf')
    const outcome = await cli(dir, ['export', id, '--format', 'pdf', '--out', file], { CHROMIUM_PATH: '/nonexistent/chromium' })
    expect(outcome.code).toBe(1)
    expect(outcome.stderr.trim()).toBe(
      'briefing-desk: PDF export needs Chromium, which was not found at /nonexistent/chromium. Install it (e.g. apt-get install chromium) or set CHROMIUM_PATH.',
    )
    await expect(readFile(file)).rejects.toThrow()
  })

  it('lists its commands in help, in both languages', async () => {
    const dir = await seeded()
    expect((await cli(dir, ['help'])).stdout).toContain('export BRIEF_ID --format md|pdf|html --out FILE [--force]')
    expect((await cli(dir, ['help'], { BRIEFING_LANG: 'vi' })).stdout).toContain('xuất bản tóm tắt ra Markdown, PDF hoặc trang web độc lập')
  })
})
