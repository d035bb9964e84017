import { spawn } from 'node:child_process'
import { existsSync, watch } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildArticle } from '../../src/node/library/build-article'
import { BriefingService } from '../../src/node/service'
import { cliProcess } from '../cli-runner'
import { ROOT, tempDir } from '../helpers'
import { PASSWORDS, teamLibrary, useTeamServer } from './team-library'

const serverOf = useTeamServer(['bob', 'carol'])

const as = (user: string) => ({ BRIEFING_TEAM_PASSWORD: PASSWORDS[user]! })

// Each CLI process starts Node and opens a library: on two loaded cores one can take 20 s, and the first test runs sixteen.
describe('team CLI', { timeout: 600_000 }, () => {
  it('init, connect, sync, status, members and disconnect, with the exit codes of the issue', async () => {
    const db = `cli-${process.pid}`
    const [a, b] = [await tempDir(), await tempDir()]
    expect((await cliProcess(['--data-dir', a, 'samples', 'add'])).code).toBe(0)

    const init = await cliProcess(['--data-dir', a, 'team', 'init', serverOf().url, '--db', db, '--user', 'alice', '--member', 'bob'], as('alice'))
    expect(init).toMatchObject({ code: 0 })
    expect(init.stdout).toContain(`Team database “${db}” created`)
    expect(init.stderr).toContain('not encrypted')
    const connect = await cliProcess(['--data-dir', b, 'team', 'connect', serverOf().url, '--db', db, '--user', 'bob'], as('bob'))
    expect(connect.code).toBe(0)

    expect((await cliProcess(['--data-dir', a, 'team', 'sync'], as('alice'))).code).toBe(0)
    const synced = await cliProcess(['--data-dir', b, 'team', 'sync', '--json'], as('bob'))
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toMatchObject({ pulled: expect.any(Number) as number })
    const status = JSON.parse((await cliProcess(['--data-dir', b, 'team', 'status', '--json'])).stdout) as Record<string, unknown>
    expect(status).toMatchObject({ connected: true, server: serverOf().url, db, user: 'bob', pending: 0 })
    const list = async (dir: string) => JSON.parse((await cliProcess(['--data-dir', dir, 'list', '--json'])).stdout) as { id: string }[]
    expect((await list(b)).map((article) => article.id).sort()).toEqual((await list(a)).map((article) => article.id).sort())

    const members = await cliProcess(['--data-dir', a, 'team', 'members', 'add', 'carol', '--json'], as('alice'))
    expect(members.code).toBe(0)
    expect(JSON.parse(members.stdout)).toEqual({ admins: ['alice'], members: ['bob', 'carol'] })
    expect(JSON.parse((await cliProcess(['--data-dir', a, 'team', 'members', 'remove', 'carol', '--json'], as('alice'))).stdout)).toEqual({ admins: ['alice'], members: ['bob'] })

    const wrong = await cliProcess(['--data-dir', b, 'team', 'sync'], { BRIEFING_TEAM_PASSWORD: 'WRONG-pw-9' })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr.trim().split('\n')).toHaveLength(2) // the http warning, then the one line
    expect(wrong.stderr).toContain('refused the user name or password')
    expect(wrong.stderr + wrong.stdout).not.toContain('WRONG-pw-9')

    const vi = await cliProcess(['--data-dir', b, 'team', 'sync'], { BRIEFING_TEAM_PASSWORD: 'WRONG-pw-9', BRIEFING_LANG: 'vi' })
    expect(vi.stderr).toContain('từ chối tên người dùng hoặc mật khẩu')
    expect(vi.stderr).not.toMatch(/incorrect|unauthorized/i)

    const disconnect = await cliProcess(['--data-dir', b, 'team', 'disconnect'])
    expect(disconnect.code).toBe(0)
    expect((await cliProcess(['--data-dir', b, 'team', 'status'])).stdout).toContain('not connected')
    expect(await cliProcess(['--data-dir', b, 'team', 'sync'], as('bob'))).toMatchObject({ code: 1 })
  })

  it('refuses malformed command lines with 2 and unusable servers with 1', async () => {
    const dir = await tempDir()
    expect((await cliProcess(['--data-dir', dir, 'team', 'frobnicate'])).code).toBe(2)
    expect((await cliProcess(['--data-dir', dir, 'team', 'connect', serverOf().url, '--user', 'bob'], as('bob'))).code).toBe(2)
    expect((await cliProcess(['--data-dir', dir, 'team', 'members', 'promote', 'x'], as('bob'))).code).toBe(2)
    const publicHttp = await cliProcess(['--data-dir', dir, 'team', 'connect', 'http://8.8.8.8:5984', '--db', 'x', '--user', 'bob'], as('bob'))
    expect(publicHttp.code).toBe(1)
    expect(publicHttp.stderr).toContain('plain http on a public address')
    const noPassword = await cliProcess(['--data-dir', dir, 'team', 'connect', serverOf().url, '--db', 'x', '--user', 'bob'], { BRIEFING_TEAM_PASSWORD: '' })
    expect(noPassword.code).toBe(1)
    expect(noPassword.stderr).toContain('BRIEFING_TEAM_PASSWORD')
    const notAdmin = await cliProcess(['--data-dir', dir, 'team', 'init', serverOf().url, '--db', 'y', '--user', 'bob'], as('bob'))
    expect(notAdmin.code).toBe(1)
    expect(notAdmin.stderr).toContain('needs a CouchDB server admin')
  })

  it('a sync killed with SIGKILL part way resumes and converges', async () => {
    const db = `kill-${process.pid}`
    const [a, b] = [await tempDir(), await tempDir()]
    // A library worth a while to pull: the samples and some large articles.
    const seeded = await BriefingService.open({ libraryDir: a, samplesDir: join(ROOT, 'data/samples'), shell: 'browser', version: '9.9.9', systemLocale: 'en' })
    const paragraph = 'Hai bên nhất trí thúc đẩy hợp tác kinh tế, thương mại, đầu tư, giáo dục và an ninh biển. '
    const articles = Array.from({ length: 12 }, (_, n) => buildArticle(`Bài ${n}\n\n${Array.from({ length: 400 }, (_, i) => `${n}.${i} ${paragraph.repeat(3)}`).join('\n\n')}`, { origin: { kind: 'paste', name: null }, importedAt: new Date() })!)
    await seeded.libraryStore.addArticles(articles)
    await seeded.close()
    expect((await cliProcess(['--data-dir', a, 'team', 'init', serverOf().url, '--db', db, '--user', 'alice', '--member', 'bob'], as('alice'))).code).toBe(0)
    expect((await cliProcess(['--data-dir', a, 'team', 'sync'], as('alice'))).code).toBe(0)
    expect((await cliProcess(['--data-dir', b, 'team', 'connect', serverOf().url, '--db', db, '--user', 'bob'], as('bob'))).code).toBe(0)

    // Killed as soon as the first article is written into B.
    const articlesFolder = join(b, 'articles')
    expect(existsSync(articlesFolder)).toBe(true)
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/node/cli/main.ts'), '--data-dir', b, 'team', 'sync'], { cwd: ROOT, env: { ...process.env, LANG: 'C', ...as('bob') }, stdio: 'ignore' })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    const watcher = watch(articlesFolder, () => child.kill('SIGKILL'))
    const signal = await exited
    watcher.close()
    expect(signal).toBe('SIGKILL')

    const resumed = await cliProcess(['--data-dir', b, 'team', 'sync'], as('bob'))
    expect(resumed.code).toBe(0)
    // Nothing on stderr but the plain-http warning: no repair, no error.
    expect(resumed.stderr.split('\n').filter((line) => line !== '' && !line.includes('not encrypted'))).toEqual([])
    const status = JSON.parse((await cliProcess(['--data-dir', b, 'team', 'status', '--json'])).stdout) as { pending: number }
    expect(status.pending).toBe(0)
    const [libraryA, libraryB] = [await teamLibrary('alice', { dir: a }), await teamLibrary('bob', { dir: b })]
    expect(await libraryB.shared()).toEqual(await libraryA.shared())
  })
})
