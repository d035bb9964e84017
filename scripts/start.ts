import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { localeFromTag, translate } from '../src/common/i18n/translate'
import { launchBrowserHost } from '../src/node/browser-shell/browser-host'
import { dataDirOverride, resolveLibraryDir, startedIn } from '../src/node/paths'
import { electronBinary } from './electron-binary'
import { sandboxFacts, sandboxHelper, sandboxWillFail } from './linux-sandbox'

/**
 * `npm start`: launches the built desktop app. Electron downloads its binary on first use; where
 * that is impossible (no internet), the app runs in the system's Chromium instead, in one app-mode
 * window, with the same renderer, CSP, bridge semantics and service (src/node/browser-shell).
 *
 * BRIEFING_START_CHECK=1 makes the Chromium fallback a self-check: it prints the titles the
 * library pane lists, as JSON on stdout, and quits (test: e2e/start-fallback.spec.ts).
 */
const root = resolve(import.meta.dirname, '..')
const locale = localeFromTag(process.env['BRIEFING_LANG'] || process.env['LANG'])
// A relative --data-dir means the folder the user typed it in, not the package folder npm runs in.
const dataDir = dataDirOverride(process.argv, process.env, startedIn())
const args = [...process.argv.slice(2).filter((arg, i, all) => arg !== '--data-dir' && all[i - 1] !== '--data-dir' && !arg.startsWith('--data-dir=')), ...(dataDir ? [`--data-dir=${dataDir}`] : [])]

function findOrFetchElectron(): string | null {
  const present = electronBinary(root)
  if (present !== null || process.env['ELECTRON_EXEC_PATH']) return present
  // Requiring 'electron' downloads the binary when it is missing; do it in a child so a failure
  // (no internet) is our one-line message, not a crash: its stack traces on stderr are dropped.
  spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] })
  return electronBinary(root)
}

async function runInChromium(): Promise<void> {
  const check = process.env['BRIEFING_START_CHECK'] === '1'
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    console.error(translate(locale, 'start.noDisplay'))
    process.exit(1)
  }
  console.error(translate(locale, 'start.browserFallback'))
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const host = await launchBrowserHost({
    rendererDir: join(root, 'out', 'renderer'),
    libraryDir: resolveLibraryDir(dataDir),
    samplesDir: join(root, 'data', 'samples'),
    version,
    headless: false,
    appWindow: true,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  }).catch((error: unknown) => {
    // E.g. no Chromium at that path, or Chromium's own sandbox unavailable: one line, not a stack.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
    console.error(translate(locale, 'start.chromiumFailed', { reason }))
    process.exit(1)
  })
  if (check) {
    const articles = host.page.getByRole('listbox').getByRole('option')
    await articles.first().waitFor({ timeout: 60_000 })
    const titles = await articles.locator('.title').allTextContents()
    process.stdout.write(`${JSON.stringify({ articles: titles })}\n`)
    await host.close()
    return
  }
  await new Promise<void>((done) => host.page.on('close', () => done()))
  await host.close()
}

const binary = findOrFetchElectron()
if (binary !== null) {
  const facts = sandboxFacts(binary)
  if (sandboxWillFail(facts)) {
    console.error(translate(locale, 'start.sandboxUnavailable', { helper: sandboxHelper(binary) }))
    process.exit(1)
  }
  // Chromium refuses to start as root unless its own sandbox is off; the renderer stays sandboxed
  // by Electron's settings either way.
  const rootArgs = facts.isRoot ? ['--no-sandbox'] : []
  const child = spawn(binary, ['.', ...rootArgs, ...args], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  await runInChromium()
}
