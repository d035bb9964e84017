import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInProcess, cliProcess } from '../cli-runner'
import { ROOT, tempDir } from '../helpers'

/**
 * The text output of `search` says what the app's results say: an article whose words are all
 * there but not side by side carries the "words apart" mark, in the user's language; the JSON has
 * the same fact as `scattered`. And a reader that stops early (`| head`) is no crash.
 */
async function sampleLibrary(): Promise<string> {
  const dir = await tempDir()
  expect((await cliInProcess(['--data-dir', dir, 'samples', 'add'])).code).toBe(0)
  return dir
}

describe('CLI search: words apart', () => {
  it('marks the articles whose words are apart, and only those, in English, Vietnamese and JSON', async () => {
    const dir = await sampleLibrary()
    // "vien thong" stands together ("viễn thông") in some samples and only as "viên … thống" in the APEC one.
    const english = await cliInProcess(['--data-dir', dir, 'search', 'vien thong'])
    expect(english.code).toBe(0)
    const titles = english.stdout.split('\n').filter((line) => /^[0-9a-f]{12} {2}/.test(line))
    expect(titles.length).toBeGreaterThan(1)
    const apart = titles.filter((line) => line.endsWith('  (words apart)'))
    expect(apart).toHaveLength(1)
    expect(apart[0]).toContain('APEC 2027')

    const vietnamese = await cliInProcess(['--data-dir', dir, 'search', 'vien thong'], { BRIEFING_LANG: 'vi' })
    expect(vietnamese.stdout).toContain('APEC 2027 của Việt Nam  (các từ đứng rời)\n')
    expect(vietnamese.stdout).not.toContain('words apart')

    const json = JSON.parse((await cliInProcess(['--data-dir', dir, 'search', 'vien thong', '--json'])).stdout) as { results: { title: string; scattered: boolean }[] }
    expect(json.results.filter((result) => result.scattered).map((result) => result.title)).toEqual([expect.stringContaining('APEC 2027')])
    expect(json.results.length).toBe(titles.length)
  })

  it('exits quietly with its status when the reader closes the pipe before the output is written', async () => {
    const dir = await sampleLibrary()
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/node/cli/main.ts'), '--data-dir', dir, 'search', 'Peru'], {
      cwd: ROOT,
      env: { ...process.env, LANG: 'C', BRIEFING_LANG: '', BRIEFING_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // Closed at once, long before the CLI has started: every write it makes meets a closed pipe.
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    // The same command with its output read prints results: the quiet exit above was not an empty one.
    expect((await cliProcess(['--data-dir', dir, 'search', 'Peru'])).stdout).toMatch(/articles? found/)
  }, 60_000)
})
