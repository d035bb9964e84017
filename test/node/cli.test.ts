import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/node/store/library-store'
import { cliProcess } from '../cli-runner'
import { ROOT, tempDir } from '../helpers'

const run = promisify(execFile)
const cli = cliProcess

/** A new library with the samples in it, as a user makes one: `samples add`. */
async function sampleLibrary(env: NodeJS.ProcessEnv = {}): Promise<string> {
  const dir = await tempDir()
  const added = await cli(['--data-dir', dir, 'samples', 'add'], env)
  expect(added).toMatchObject({ code: 0, stdout: 'Sample articles added: 4.\n', stderr: '' })
  return dir
}

// Each step starts a CLI process (seconds on a loaded machine): every test gets room for loaded cores.
describe('CLI', { timeout: 120_000 }, () => {
  it('lists the sample library, as JSON with ids and titles', async () => {
    const dir = await sampleLibrary()
    const { code, stdout, stderr } = await cli(['--data-dir', dir, 'list', '--json'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const articles = JSON.parse(stdout) as { id: string; title: string }[]
    expect(articles).toHaveLength(4)
    expect(articles[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{12}$/), title: expect.stringContaining('APEC') })
  })

  it('lists in a human table, and uses BRIEFING_DATA_DIR when there is no --data-dir', async () => {
    const dir = await tempDir()
    expect((await cli(['samples', 'add'], { BRIEFING_DATA_DIR: dir })).code).toBe(0)
    const { code, stdout } = await cli(['list'], { BRIEFING_DATA_DIR: dir })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^[0-9a-f]{12} {2}2024-11-12 {2}vi {2}Từ APEC 2024/m)
    expect(stdout).toContain('4 articles')
    // The data folder holds the library: its index is library.json plus the changes in library.log (docs/store.md), read as a read-only open reads it.
    const reader = await LibraryStore.open(dir, { mode: 'read' })
    expect(reader.listArticles()).toHaveLength(4)
    await reader.close()
  })

  it('shows one article, and --json prints the whole record', async () => {
    const dir = await sampleLibrary()
    const [first] = JSON.parse((await cli(['--data-dir', dir, 'list', '--json'])).stdout) as { id: string }[]
    const human = await cli(['--data-dir', dir, 'show', first!.id])
    expect(human.code).toBe(0)
    expect(human.stdout).toContain('Từ APEC 2024 tại Lima đến năm chủ nhà APEC 2027 của Việt Nam')
    expect(human.stdout).toContain('Published: 2024-11-12')
    const json = await cli(['--data-dir', dir, 'show', first!.id, '--json'])
    const article = JSON.parse(json.stdout)
    expect(article).toMatchObject({ id: first!.id, language: 'vi', captions: [expect.any(Object)] })
    expect(article.removed.map((removed: { kind: string }) => removed.kind)).toContain('trailing-boilerplate')
  })

  it.each([
    [['show', 'ffffffffffff'], 1, 'briefing-desk: No article has the id “ffffffffffff”.'],
    [['show', '../../etc'], 1, 'briefing-desk: No article has the id “../../etc”.'],
    [['show'], 2, 'briefing-desk: show: missing argument ID'],
    [['list', 'extra'], 2, 'briefing-desk: list: unexpected argument “extra”'],
    [['frobnicate'], 2, 'briefing-desk: unknown command “frobnicate” (try “help”)'],
    [['list', '--colour'], 2, 'briefing-desk: unknown option “--colour” (try “help”)'],
    [['list', '--data-dir'], 2, 'briefing-desk: the option --data-dir needs a value'],
    [['list', '--json=yes'], 2, 'briefing-desk: the option --json takes no value'],
    [[], 2, 'briefing-desk: no command given (try “help”)'],
  ])('fails clearly for %j', async (args, expectedCode, message) => {
    const dir = await tempDir()
    const { code, stdout, stderr } = await cli(['--data-dir', dir, ...args])
    expect(code).toBe(expectedCode)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([message])
  })

  it('speaks Vietnamese when asked to', async () => {
    const { code, stderr } = await cli(['frobnicate'], { BRIEFING_LANG: 'vi' })
    expect(code).toBe(2)
    expect(stderr).toBe('briefing-desk: lệnh không xác định “frobnicate” (thử “help”)\n')
  })

  // Node's parseArgs and the file system speak English: the CLI says each of their problems in
  // the user's language, naming the flag or the folder (never a temp file's name).
  it('speaks Vietnamese for a bad flag, a missing value, a missing folder and a file as library', { timeout: 120_000 }, async () => {
    const vi = { BRIEFING_LANG: 'vi' }
    const dir = await tempDir()
    expect(await cli(['--data-dir', dir, 'list', '--frobnicate'], vi)).toEqual({ code: 2, stdout: '', stderr: 'briefing-desk: tùy chọn không xác định “--frobnicate” (thử “help”)\n' })
    expect(await cli(['list', '--data-dir'], vi)).toEqual({ code: 2, stdout: '', stderr: 'briefing-desk: tùy chọn --data-dir cần một giá trị\n' })

    const created = JSON.parse((await cli(['--data-dir', dir, 'brief', 'create', '--title', 'Gặp Đại sứ Peru', '--json'], vi)).stdout) as { id: string }
    const missing = join(dir, 'không-có', 'ban-tin.md')
    const exported = await cli(['--data-dir', dir, 'export', created.id, '--format', 'md', '--out', missing], vi)
    expect(exported).toEqual({ code: 1, stdout: '', stderr: `briefing-desk: Không ghi được ${missing}: thư mục ${join(dir, 'không-có')} không tồn tại.\n` })
    const annotations = await cli(['--data-dir', dir, 'export-annotations', '--format', 'w3c', '--out', missing], vi)
    expect(annotations.stderr).toBe(`briefing-desk: Không ghi được ${missing}: thư mục ${join(dir, 'không-có')} không tồn tại.\n`)

    const file = join(await tempDir(), 'library.txt')
    await writeFile(file, 'not a folder')
    for (const target of [file, join(file, 'sub')]) {
      const outcome = await cli(['--data-dir', target, 'list'], vi)
      expect(outcome).toEqual({ code: 1, stdout: '', stderr: `briefing-desk: Không dùng được thư mục thư viện ${target}: ${file} là một tệp, không phải thư mục.\n` })
    }
    expect(await readFile(file, 'utf8')).toBe('not a folder')
  })

  it('starts every new library with the starter themes and no articles; samples are added when asked', { timeout: 120_000 }, async () => {
    const dir = await tempDir()
    expect(await cli(['--data-dir', dir, 'list', '--json'])).toMatchObject({ code: 0, stdout: '[]\n' })
    const tags = JSON.parse((await cli(['--data-dir', dir, 'tags', '--json'])).stdout) as unknown
    expect(JSON.stringify(tags)).toContain('Telecommunications')
    expect(JSON.stringify(tags)).toContain('Viễn thông')
    expect((await cli(['--data-dir', dir, 'samples', 'add'], { BRIEFING_LANG: 'vi' })).stdout).toBe('Đã thêm bài viết mẫu: 4.\n')
    // Adding again adds only what is missing.
    expect((await cli(['--data-dir', dir, 'samples', 'add', '--json'])).stdout).toBe('{\n  "added": 0\n}\n')
    expect(JSON.parse((await cli(['--data-dir', dir, 'list', '--json'])).stdout)).toHaveLength(4)
    expect((await cli(['--data-dir', dir, 'samples', 'remove'])).code).toBe(2)
  })

  it('prints help, and runs through `npm run cli` as documented', async () => {
    const help = await cli(['help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: briefing-desk [--data-dir DIR] COMMAND')
    const dir = await sampleLibrary()
    const { stdout } = await run('npm', ['run', '--silent', 'cli', '--', '--data-dir', dir, 'list', '--json'], { cwd: ROOT })
    expect(JSON.parse(stdout)).toHaveLength(4)
  })

  it('backs up to a file and restores from it, refusing to overwrite without --force', { timeout: 120_000 }, async () => {
    const dir = await sampleLibrary()
    const out = join(await tempDir(), 'desk.bdbackup')
    const backup = await cli(['--data-dir', dir, 'backup', '--out', out])
    expect(backup.code).toBe(0)
    expect(backup.stdout).toMatch(new RegExp(`^Backup written to ${out} \\(6 files, \\d+ KB\\)\\.\\n$`))
    const again = await cli(['--data-dir', dir, 'backup', '--out', out])
    expect(again).toMatchObject({ code: 2, stderr: `briefing-desk: ${out} already exists (add --force to replace it)\n` })
    expect((await cli(['--data-dir', dir, 'backup', '--out', out, '--force', '--json'])).stdout).toContain('"files": 6')

    const other = await tempDir()
    const restored = await cli(['--data-dir', other, 'restore', out])
    expect(restored.code).toBe(0)
    expect(restored.stdout).toContain(`Library restored from ${out} (6 files).`)
    const listed = JSON.parse((await cli(['--data-dir', other, 'list', '--json'])).stdout) as { id: string }[]
    const original = JSON.parse((await cli(['--data-dir', dir, 'list', '--json'])).stdout) as { id: string }[]
    expect(listed.map((a) => a.id)).toEqual(original.map((a) => a.id))
  })

  it('refuses a damaged backup with one line naming it, and leaves the library as it was', async () => {
    const dir = await tempDir()
    const bogus = join(await tempDir(), 'bogus.bdbackup')
    await writeFile(bogus, 'not a backup')
    const before = (await cli(['--data-dir', dir, 'list', '--json'])).stdout
    const { code, stderr } = await cli(['--data-dir', dir, 'restore', bogus])
    expect(code).toBe(1)
    expect(stderr).toBe(`briefing-desk: The file ${bogus} is not a Briefing Desk backup.\n`)
    expect((await cli(['--data-dir', dir, 'list', '--json'])).stdout).toBe(before)
  })

  it('reads while the app holds the library, and says who holds it when asked to write', async () => {
    const dir = await tempDir()
    await cli(['--data-dir', dir, 'list'])
    const app = await LibraryStore.open(dir, { purpose: 'Briefing Desk' })
    try {
      expect((await cli(['--data-dir', dir, 'list', '--json'])).code).toBe(0)
      const out = join(await tempDir(), 'x.bdbackup')
      const { code, stderr } = await cli(['--data-dir', dir, 'backup', '--out', out], { BRIEFING_LOCK_WAIT_MS: '200' })
      expect(code).toBe(1)
      expect(stderr).toMatch(/^briefing-desk: The library in .+ is in use by Briefing Desk, pid \d+ on .+ since .+\. Close it, or wait for it to finish, and try again\.\n$/)
    } finally {
      await app.close()
    }
  })

  it('warns on stderr about a repair it had to make', async () => {
    const dir = await tempDir()
    await cli(['--data-dir', dir, 'list'])
    await writeFile(join(dir, 'library.json'), '')
    const { code, stdout, stderr } = await cli(['--data-dir', dir, 'backup', '--out', join(await tempDir(), 'b.bdbackup')])
    expect(code).toBe(0)
    expect(stdout).toContain('Backup written to')
    expect(stderr).toMatch(/^briefing-desk: warning: library\.json was damaged \(it was empty\) and has been restored from its second copy; nothing is missing\. The damaged file was kept as library\.json\.corrupt-.+\.\n$/)
  })
})
