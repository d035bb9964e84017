import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { BACKUP_EXTENSION } from '../../src/node/store/backup-bundle'
import { initTeam } from '../../src/node/team/team-connection'
import { closeLibrary } from '../annotations/open-library'
import { CONSULTATIONS } from '../annotations/sample-ids'
import { cliProcess } from '../cli-runner'
import { ROOT, tempDir } from '../helpers'
import { PASSWORDS, teamLibrary, useTeamServer } from './team-library'

/**
 * A restore into a connected library killed (SIGKILL, a real process) after the library was
 * replaced and before the team state was adjusted (team-restore.ts). `team status` from the CLI
 * shows the state as it will be, without writing; the next open for writing (the app, any CLI
 * command that writes) finishes it before anything else is written, so an edit made then is an
 * edit, not restored content; `team sync` then keeps the team's newer records.
 */
const serverOf = useTeamServer(['bob'])
const as = (user: string) => ({ BRIEFING_TEAM_PASSWORD: PASSWORDS[user]! })

describe('a restore cut short by a crash', { timeout: 300_000 }, () => {
  it('is shown as finished by team status, finished by the next open, and sends nothing older over the team’s records', async () => {
    const db = `restore-kill-${process.pid}`
    const alice = await teamLibrary('alice', { samples: true })
    const dir = alice.dir
    await initTeam(alice.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
    const text = bodyText((await alice.service.getArticle({ id: CONSULTATIONS })).blocks)
    expect(text.length).toBeGreaterThan(200)
    const h1 = await alice.service.createAnnotation({ articleId: CONSULTATIONS, start: 10, end: 40, color: 'yellow', note: 'before the backup' })
    await alice.sync()
    const backup = join(await tempDir('team-restore-kill-'), `alice${BACKUP_EXTENSION}`)
    await alice.service.backupTo(backup)
    // After the backup, and on the server: h1 edited, h2 made.
    await alice.service.updateAnnotation({ articleId: CONSULTATIONS, id: h1.id, note: 'after the backup' })
    const h2 = await alice.service.createAnnotation({ articleId: CONSULTATIONS, start: 100, end: 140, color: 'green', note: 'made after the backup' })
    await alice.sync()
    await closeLibrary(alice.service)

    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/team/restore-then-die.ts'), dir, backup], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, killed) => resolve(killed)))
    expect(stderr).toBe('')
    expect(signal).toBe('SIGKILL')
    const marker = join(dir, 'team', 'restoring.json')
    expect(existsSync(marker)).toBe(true)

    // Read-only: the state as it will be (the restored h1 is not an edit to send, the missing h2 not a deletion), nothing written.
    const status = await cliProcess(['--data-dir', dir, 'team', 'status', '--json'])
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ connected: true, pending: 0 })
    expect(existsSync(marker)).toBe(true)

    // Opened for writing, as the app opens it (no password at hand, no sync): finished first. Then an edit of h1.
    const reopened = await teamLibrary('alice', { dir })
    expect(existsSync(marker)).toBe(false)
    expect(await readFile(join(dir, 'team', 'sync-log.txt'), 'utf8')).toContain('restored from a backup')
    expect((await reopened.highlights()).map((h) => [h.id, h.note])).toEqual([[h1.id, 'before the backup']])
    await reopened.service.updateAnnotation({ articleId: CONSULTATIONS, id: h1.id, note: 'edited after the crash' })
    await closeLibrary(reopened.service)

    const synced = await cliProcess(['--data-dir', dir, 'team', 'sync', '--json'], as('alice'))
    expect(synced.code).toBe(0)
    // Nothing of the team's was reverted or deleted, and the edit made after the crash is not lost.
    const onServer = async (id: string) => (await serverOf().admin_('GET', `/${db}/${encodeURIComponent(`highlight:${id}`)}`)).body as { record?: { note?: string } }
    expect((await onServer(h2.id)).record?.note).toBe('made after the backup')
    expect((await onServer(h1.id)).record?.note).toContain('edited after the crash')
    const final = await teamLibrary('alice', { dir })
    const notes = new Map((await final.highlights()).map((h) => [h.id, h.note]))
    expect(notes.get(h2.id)).toBe('made after the backup')
    expect(notes.get(h1.id)).toContain('edited after the crash')
    expect(JSON.parse((await cliProcess(['--data-dir', dir, 'team', 'status', '--json'])).stdout)).toMatchObject({ pending: 0 })
  })
})
