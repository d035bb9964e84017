import { spawn } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'
import { article } from './fixtures'

/** The pid of a process that has exited, so that no process has it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''])
  await new Promise((resolve) => child.on('exit', resolve))
  return child.pid!
}

describe('one writer per library', () => {
  it('refuses a second writer at once with a message naming the owner', async () => {
    const dir = await tempDir()
    const first = await LibraryStore.open(dir, { purpose: 'Briefing Desk' })
    await expect(LibraryStore.open(dir, { purpose: 'briefing-desk import' })).rejects.toMatchObject({
      code: 'library.locked',
      message: expect.stringContaining(`Briefing Desk, pid ${process.pid} on ${hostname()}`),
    })
    await first.close()
  })

  it('lets a second writer wait until the first closes', async () => {
    const dir = await tempDir()
    const first = await LibraryStore.open(dir)
    await first.addArticles([article(1)])
    setTimeout(() => void first.close(), 300)
    const started = Date.now()
    const second = await LibraryStore.open(dir, { lockWaitMs: 5_000 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(second.listArticles()).toHaveLength(1)
    await second.close()
  })

  it('takes over a lock left by a process that died', async () => {
    const dir = await tempDir()
    await (await LibraryStore.open(dir)).close()
    await writeFile(join(dir, '.lock'), JSON.stringify({ pid: await deadPid(), host: hostname(), purpose: 'Briefing Desk', since: '2026-01-01T00:00:00Z' }))
    const store = await LibraryStore.open(dir)
    await store.close()
    expect(await readdir(dir)).not.toContain('.lock')
  })

  it('never breaks a lock held from another computer', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, '.lock'), JSON.stringify({ pid: 1, host: 'another-desk.example', purpose: 'Briefing Desk', since: '2026-01-01T00:00:00Z' }))
    await expect(LibraryStore.open(dir)).rejects.toMatchObject({
      code: 'library.locked',
      message: expect.stringContaining('another-desk.example'),
    })
  })

  it('does not lock for reading', async () => {
    const dir = await tempDir()
    const writer = await LibraryStore.open(dir)
    await writer.addArticles([article(1)])
    const reader = await LibraryStore.open(dir, { mode: 'read' })
    expect(reader.listArticles()).toHaveLength(1)
    await reader.close()
    await writer.close()
  })
})
