import { chmod, mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR, tempDir } from '../helpers'

/** Every folder and file under `dir` with its permission bits, e.g. { 'articles': 0o700 }. */
async function modes(dir: string): Promise<Record<string, number>> {
  const found: Record<string, number> = { '.': (await stat(dir)).mode & 0o777 }
  for (const name of await readdir(dir, { recursive: true })) found[name] = (await stat(join(dir, name))).mode & 0o777
  return found
}

function permissive(found: Record<string, number>, folderMode: number, fileMode: number, folders: ReadonlySet<string>): string[] {
  return Object.entries(found)
    .filter(([name, mode]) => mode !== (folders.has(name) ? folderMode : fileMode))
    .map(([name, mode]) => `${name} ${mode.toString(8)}`)
}

async function foldersOf(dir: string): Promise<Set<string>> {
  const folders = new Set(['.'])
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) folders.add(join(entry.parentPath, entry.name).slice(dir.length + 1))
  }
  return folders
}

// A umask of 0 would let every default mode through: the library must not rely on the user's umask.
let savedUmask: number
beforeEach(() => {
  savedUmask = process.umask(0)
})
afterEach(() => {
  process.umask(savedUmask)
})

describe.skipIf(process.platform === 'win32')('the library on disk', () => {
  it('is private to its owner: folders 0700, files 0600, whatever the umask', async () => {
    const libraryDir = join(await tempDir(), 'Briefing Desk', 'library')
    const service = await BriefingService.open({ libraryDir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1.0.0', systemLocale: 'vi-VN' })
    try {
      await service.updateSettings({ locale: 'vi' })
      await service.dailyBackup()
      await service.updateSettings({ locale: 'en' })
    } finally {
      await service.close()
    }
    const found = await modes(libraryDir)
    expect(Object.keys(found).length).toBeGreaterThan(8)
    expect(permissive(found, 0o700, 0o600, await foldersOf(libraryDir))).toEqual([])
    // The folder created above the library (the app's own folder) is private too.
    expect((await stat(join(libraryDir, '..'))).mode & 0o777).toBe(0o700)
  })

  it('tightens a library folder that an earlier version left open to others', async () => {
    const libraryDir = join(await tempDir(), 'library')
    await mkdir(join(libraryDir, 'articles'), { recursive: true })
    await chmod(libraryDir, 0o755)
    await chmod(join(libraryDir, 'articles'), 0o777)
    const service = await BriefingService.open({ libraryDir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1.0.0', systemLocale: 'en-GB' })
    await service.close()
    expect((await stat(libraryDir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(libraryDir, 'articles'))).mode & 0o777).toBe(0o700)
  })

  it('writes a backup the user asked for as a private file', async () => {
    const libraryDir = join(await tempDir(), 'library')
    const target = join(await tempDir(), 'briefing-desk.bdbackup')
    const service = await BriefingService.open({ libraryDir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1.0.0', systemLocale: 'en-GB' })
    try {
      await service.backupTo(target)
    } finally {
      await service.close()
    }
    expect((await stat(target)).mode & 0o777).toBe(0o600)
  })
})
