import { access, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { translate } from '../../src/common/i18n/translate'
import { beginRestore } from '../../src/node/team/team-restore'
import { newTeamState, writeTeamState } from '../../src/node/team/team-state'
import { closeLibrary, openLibrary } from '../annotations/open-library'
import { cliProcess } from '../cli-runner'

/**
 * A restore into a team library that a crash cut short is finished when the library next opens
 * (team-restore.ts). When finishing fails (here: a team state it cannot read), the library still
 * opens, read-only, and says why in the user's language; nothing is written before the restore is
 * finished, and the next open, once the cause is fixed, finishes it. Real libraries, no server.
 */
describe('a restore that cannot be finished at open', { timeout: 120_000 }, () => {
  it('opens the library read-only, says why, and finishes the restore at the next open once the cause is fixed', async () => {
    const { service, dir } = await openLibrary()
    const titles = (await service.listArticles()).map((article) => article.title)
    await writeTeamState(dir, newTeamState({ server: 'http://127.0.0.1:5984', db: 'desk', user: 'alice', ca: null }))
    expect(await beginRestore(dir)).toBe(true)
    await closeLibrary(service)
    // The restore was cut short (its marker stays), and the team state is now unreadable.
    const stateFile = join(dir, 'team', 'state.json')
    const good = await readFile(stateFile, 'utf8')
    await writeFile(stateFile, '{ "schemaVersion": 1, cut short')

    const reopened = await openLibrary({ dir })
    const status = await reopened.service.libraryStatus()
    expect(status.writable).toBe(false)
    expect(status.readOnlyBecause?.code).toBe('team.restoreUnfinished')
    expect(status.readOnlyBecause?.message).toContain('The library is open read-only')
    expect(status.readOnlyBecause?.message).toContain('state.json')
    expect(translate('vi', 'error.team.restoreUnfinished', status.readOnlyBecause!.params)).toContain('chế độ chỉ đọc')
    // Everything reads; nothing writes, and the restore is left pending.
    expect((await reopened.service.listArticles()).map((article) => article.title)).toEqual(titles)
    await expect(reopened.service.updateSettings({ readerTextSize: 20 })).rejects.toThrow(/read-only/)
    await access(join(dir, 'team', 'restoring.json'))
    // The CLI says it too, on any command: in its own process, which never tried the restore (a read-only
    // command), so it knows from the library folder alone.
    const cli = await cliProcess(['--data-dir', dir, 'list'])
    expect(cli.stderr).toContain('The library is open read-only')
    expect(cli.stderr).toContain('state.json')
    await closeLibrary(reopened.service)

    // The cause fixed, the next open finishes the restore and the library is writable again.
    await writeFile(stateFile, good)
    const fixed = await openLibrary({ dir })
    const after = await fixed.service.libraryStatus()
    expect(after.writable).toBe(true)
    expect(after.readOnlyBecause).toBeUndefined()
    await expect(access(join(dir, 'team', 'restoring.json'))).rejects.toThrow()
    expect(await readFile(join(dir, 'team', 'sync-log.txt'), 'utf8')).toContain('this library was restored from a backup')
  })
})
