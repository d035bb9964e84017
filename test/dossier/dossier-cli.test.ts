import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliProcess, type CliOutcome } from '../cli-runner'
import { tempDir } from '../helpers'

/**
 * `people` and `timeline` as a user runs them: real CLI processes on a real temp library filled
 * with `samples add`.
 */
let dir = ''
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return cliProcess(['--data-dir', dir, ...args], env)
}

async function files(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const name of (await readdir(dir)).filter((file) => file.endsWith('.json'))) out[name] = await readFile(join(dir, name), 'utf8')
  return out
}

beforeAll(async () => {
  dir = await tempDir()
  const added = await cli(['samples', 'add'])
  expect(added.code).toBe(0)
}, 120_000)

// Each test starts CLI processes (tsx compiles on start): room on loaded cores.
describe('people and timeline commands', { timeout: 90_000 }, () => {
  it('people --json: name, roles, country, and every mention with its article and paragraph', async () => {
    const { code, stdout, stderr } = await cli(['people', '--json'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const people = JSON.parse(stdout) as { name: string; roles: string[]; countries: string[]; mentions: { articleId: string; paragraph: number; text: string; role: string | null }[] }[]
    const hoa = people.find((person) => person.name === 'Phạm Thị Kim Hoa')
    expect(hoa?.roles).toEqual(['Đại sứ', 'Ambassador'])
    expect(hoa?.mentions).toContainEqual(expect.objectContaining({ articleId: 'c3c0090a9111', paragraph: 6, text: 'Kim Hoa' }))
    expect(people.find((person) => person.name === 'John Peter Camino Cannock')?.countries).toEqual(['Peru'])
  })

  it('people prints one line per person and one per mention', async () => {
    const { code, stdout } = await cli(['people'])
    expect(code).toBe(0)
    expect(stdout).toContain('Hà Kim Ngọc — Thứ trưởng Bộ Ngoại giao\n')
    expect(stdout).toContain('    c3c0090a9111 ¶6: “Kim Hoa”\n')
  })

  it('timeline --json: ISO dates with their precision, the text, article and paragraph; --from/--to keep a period', async () => {
    const all = JSON.parse((await cli(['timeline', '--json'])).stdout) as { from: string | null; to: string | null; precision: string; date: string; text: string; reports: { articleId: string; paragraph: number }[] }[]
    expect(all).toContainEqual(expect.objectContaining({ from: '2024-10-03', to: '2024-10-03', precision: 'day', date: '3/10', reports: [expect.objectContaining({ articleId: '87ac6e0b16b8', paragraph: 0 })] }))
    expect(all).toContainEqual(expect.objectContaining({ from: '2023-04-17', to: '2023-04-21', precision: 'day' }))
    expect(all).toContainEqual(expect.objectContaining({ from: '2024-11', to: '2024-11', precision: 'month' }))
    const period = await cli(['timeline', '--from', '2023-04', '--to', '2023-04-30', '--json'])
    expect(period.code).toBe(0)
    const inPeriod = JSON.parse(period.stdout) as { from: string; to: string }[]
    expect(inPeriod.length).toBeGreaterThan(0)
    expect(inPeriod.every((entry) => entry.to >= '2023-04' && entry.from <= '2023-04-30')).toBe(true)
    expect(inPeriod.length).toBeLessThan(all.length)
  })

  it('timeline --theme: the events of articles highlighted with that theme; text output names date, text and passage', async () => {
    const annotated = await cli(['annotate', '87ac6e0b16b8', '--quote', 'Tham vấn chính trị lần thứ 5', '--tag', 'Diplomacy'])
    expect(annotated.code).toBe(0)
    const { code, stdout } = await cli(['timeline', '--theme', 'diplomacy'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^2024-10-03 +“3\/10” {2}Ngày 3\/10, tại thủ đô Lima.*\[87ac6e0b16b8 ¶0\]$/mu)
    expect(stdout).not.toContain('c3c0090a9111')
  })

  it('a malformed date is exit 2 and an unknown theme exit 1, each one line in the user’s language, nothing written', async () => {
    const before = await files()
    const bad = await cli(['timeline', '--from', '2024-02-30'])
    expect(bad).toMatchObject({ code: 2, stdout: '' })
    expect(bad.stderr).toBe('briefing-desk: --from: “2024-02-30” is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)\n')
    const badVi = await cli(['timeline', '--to', 'mai'], { BRIEFING_LANG: 'vi' })
    expect(badVi).toMatchObject({ code: 2, stderr: 'briefing-desk: --to: “mai” không phải là ngày (hãy viết YYYY, YYYY-MM hoặc YYYY-MM-DD)\n' })
    const unknown = await cli(['timeline', '--theme', 'Không có'], { BRIEFING_LANG: 'vi' })
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'briefing-desk: Không có chủ đề nào tên “Không có”.\n' })
    expect(await files()).toEqual(before)
  })
})
