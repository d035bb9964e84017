import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInProcess } from '../cli-runner'
import { ROOT, tempDir } from '../helpers'

const FILES = join(ROOT, 'test', 'fixtures', 'import', 'files')

const cli = cliInProcess

describe('CLI import', () => {
  it('imports files and a folder: progress lines on stderr, the summary on stdout, exit 1 when a file failed', async () => {
    const dir = await tempDir()
    const good = join(FILES, 'en-vna.txt')
    const bad = join(FILES, 'bad', 'not-a-zip.docx')
    const duplicate = join(FILES, 'vi-bitel.docx')
    const { code, stdout, stderr } = await cli(['--data-dir', dir, 'import', good, bad, join(FILES, 'vi-bitel.txt'), duplicate])
    expect(code).toBe(1)
    expect(stdout).toBe('2 added, 1 duplicates, 1 failed.\n')
    // One line per file; new articles are announced once saved (in groups), so the order may vary.
    const lines = stderr.trim().split('\n').sort()
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(new RegExp(`^added {6}${good} → [0-9a-f]{12} “`))
    expect(lines[1]).toMatch(/^added {6}.*vi-bitel\.txt → [0-9a-f]{12} “Việt Nam và Peru/)
    expect(lines[2]).toMatch(/^duplicate {2}.*vi-bitel\.docx = [0-9a-f]{12} “Việt Nam và Peru/)
    expect(lines[3]).toMatch(/^failed {5}The file .*not-a-zip\.docx is damaged or is not a real/)
    // A new library holds no samples: the two added; the failed file left nothing behind.
    const listed = JSON.parse((await cli(['--data-dir', dir, 'list', '--json'])).stdout) as unknown[]
    expect(listed).toHaveLength(2)
  })

  it('prints the report as JSON with --json and exits 0 when every file was imported or already there', async () => {
    const dir = await tempDir()
    const { code, stdout } = await cli(['--data-dir', dir, 'import', '--json', join(FILES, 'es-efe.txt')])
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { added: { id: string; file: string }[]; duplicates: unknown[]; failed: unknown[]; cancelled: unknown[] }
    expect(report).toMatchObject({ added: [{ file: join(FILES, 'es-efe.txt') }], duplicates: [], failed: [], cancelled: [] })
    const again = await cli(['--data-dir', dir, 'import', join(FILES, 'es-efe.windows-1252.txt')])
    expect(again).toMatchObject({ code: 0, stdout: '0 added, 1 duplicates, 0 failed.\n' })

    const shown = JSON.parse((await cli(['--data-dir', dir, 'show', report.added[0]!.id, '--json'])).stdout) as Record<string, unknown>
    expect(shown).toHaveProperty('captions')
    expect(shown).toHaveProperty('removed')
    expect(shown['cleaningSteps']).toEqual(expect.any(Array))
  })

  it('lists every cleaning step in show --json, with the removed text', async () => {
    const dir = await tempDir()
    const imported = JSON.parse((await cli(['--data-dir', dir, 'import', '--json', join(FILES, 'vi-bitel.txt')])).stdout) as { added: { id: string }[] }
    const shown = JSON.parse((await cli(['--data-dir', dir, 'show', imported.added[0]!.id, '--json'])).stdout) as {
      cleaningSteps: { kind: string; text: string; ref: { list: string } }[]
    }
    expect(shown.cleaningSteps.map((step) => step.kind)).toEqual([
      'caption',
      'photo-alt-text',
      'related-link',
      'credit-line',
      'trailing-boilerplate',
      'trailing-boilerplate',
      'trailing-boilerplate',
    ])
    expect(shown.cleaningSteps[2]!.text).toBe('[Bitel đưa Internet miễn phí tới hàng nghìn trường học ở Peru]')
  })

  it('needs at least one path, and reports a missing one in Vietnamese when asked', async () => {
    const dir = await tempDir()
    expect(await cli(['--data-dir', dir, 'import'])).toMatchObject({ code: 2, stderr: 'briefing-desk: import: missing argument FILE|FOLDER\n' })
    const missing = join(dir, 'khong-co.txt')
    const { code, stderr, stdout } = await cli(['--data-dir', dir, 'import', missing], { BRIEFING_LANG: 'vi' })
    expect(code).toBe(1)
    expect(stdout).toBe('Đã thêm 0, trùng 0, lỗi 1.\n')
    expect(stderr).toContain(missing)
    expect(stderr.startsWith('lỗi ')).toBe(true)
  })

  it('is listed in help', async () => {
    const { stdout } = await cli(['help'])
    expect(stdout).toContain('import FILE|FOLDER... [--json]')
  })
})
