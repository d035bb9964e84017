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

describe('CLI', () => {
  it('lists the sample library, as JSON with ids and titles', async () => {
    const dir = await tempDir()
    const { code, stdout, stderr } = await cli(['--data-dir', dir, 'list', '--json'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const articles = JSON.parse(stdout) as { id: string; title: string }[]
    expect(articles).toHaveLength(4)
    expect(articles[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{12}$/), title: expect.stringContaining('APEC') })
  })

  it('lists in a human table, and uses BRIEFING_DATA_DIR when there is no --data-dir', async () => {
    const dir = await tempDir()
    const { code, stdout } = await cli(['list'], { BRIEFING_DATA_DIR: dir })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^[0-9a-f]{12} {2}2024-11-12 {2}vi {2}Từ APEC 2024/m)
    expect(stdout).toContain('4 articles')
    expect(JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')).articles).toHaveLength(4)
  })

  it('shows one article, and --json prints the whole record', async () => {
    const dir = await tempDir()
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
    [['list', '--colour'], 2, "briefing-desk: Unknown option '--colour'."],
    [['list', '--data-dir'], 2, "briefing-desk: Option '--data-dir <value>' argument missing"],
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

  it('prints help, and runs through `npm run cli` as documented', async () => {
    const help = await cli(['help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: briefing-desk [--data-dir DIR] COMMAND')
    const dir = await tempDir()
    const { stdout } = await run('npm', ['run', '--silent', 'cli', '--', '--data-dir', dir, 'list', '--json'], { cwd: ROOT })
    expect(JSON.parse(stdout)).toHaveLength(4)
  })

  it('backs up to a file and restores from it, refusing to overwrite without --force', async () => {
    const dir = await tempDir()
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
      const started = Date.now()
      const { code, stderr } = await cli(['--data-dir', dir, 'backup', '--out', out], { BRIEFING_LOCK_WAIT_MS: '200' })
      expect(code).toBe(1)
      expect(stderr).toMatch(/^briefing-desk: The library in .+ is in use by Briefing Desk, pid \d+ on .+ since .+\. Close it, or wait for it to finish, and try again\.\n$/)
      expect(Date.now() - started).toBeLessThan(8_000)
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
