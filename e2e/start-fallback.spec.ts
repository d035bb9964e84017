import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { expect, test } from '@playwright/test'
import { LibraryStore } from '../src/node/store/library-store'
import { ROOT } from './harness'

/**
 * `npm start` the way the README gives it, on a machine without the Electron binary: the start
 * script itself, under tsx and a virtual display, opens the app in Chromium's app mode. Its
 * self-check mode prints what the library pane lists, which must be the library's articles.
 * The --data-dir is relative, to the folder the user started in (npm's INIT_CWD).
 */
test('the start script’s Chromium fallback shows the library with its articles', async () => {
  test.setTimeout(180_000)
  const home = await mkdtemp(join(tmpdir(), 'briefing-desk-start-'))
  const dataDir = join(home, 'desk')
  try {
    const run = spawn('xvfb-run', ['-a', join(ROOT, 'node_modules', '.bin', 'tsx'), join('scripts', 'start.ts'), '--data-dir', basename(dataDir)], {
      cwd: ROOT,
      env: {
        ...process.env,
        INIT_CWD: dirname(dataDir),
        // No Electron binary, and none fetched: the fallback path.
        ELECTRON_EXEC_PATH: join(home, 'no-electron'),
        BRIEFING_START_CHECK: '1',
        BRIEFING_LANG: 'en',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((done) => run.on('exit', done))
    expect(code, stderr).toBe(0)
    expect(stderr).toContain('Opening Briefing Desk in Chromium instead')
    expect(stderr).not.toContain('__name')

    const listed = (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { articles: string[] }).articles
    // The index is library.json plus the changes in library.log (docs/store.md): read it as a read-only open does.
    const reader = await LibraryStore.open(dataDir, { mode: 'read' })
    const titles = reader.listArticles().map((article) => article.title)
    await reader.close()
    expect(titles.length).toBeGreaterThan(0)
    expect([...listed].sort()).toEqual(titles.sort())
  } finally {
    await rm(home, { recursive: true, force: true })
  }
})
