import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { localeFromTag, translate } from '../src/common/i18n/translate'
import { dataDirFromArgv, resolveLibraryDir } from '../src/node/paths'
import { launchBrowserHost } from '../e2e/browser-host'
import { electronBinary } from './electron-binary'

/**
 * `npm start`: launches the built desktop app. Electron downloads its binary on first use; where
 * that is impossible (no internet), the app runs in the system's Chromium instead, with the same
 * renderer, CSP and service (the end-to-end harness's browser mode), so it can still be used.
 */
const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const locale = localeFromTag(process.env['BRIEFING_LANG'] || process.env['LANG'])

function findOrFetchElectron(): string | null {
  const present = electronBinary(root)
  if (present !== null || process.env['ELECTRON_EXEC_PATH']) return present
  // Requiring 'electron' downloads the binary when it is missing; do it in a child so a failure
  // (no internet) is a message, not a crash.
  spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: root, stdio: 'inherit' })
  return electronBinary(root)
}

async function runInChromium(): Promise<void> {
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    console.error(translate(locale, 'start.noDisplay'))
    process.exit(1)
  }
  console.error(translate(locale, 'start.browserFallback'))
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const host = await launchBrowserHost({
    rendererDir: join(root, 'out', 'renderer'),
    libraryDir: resolveLibraryDir(dataDirFromArgv(args)),
    samplesDir: join(root, 'data', 'samples'),
    version,
    headless: false,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
    viewport: null,
  })
  await new Promise<void>((done) => host.page.on('close', () => done()))
  await host.close()
}

const binary = findOrFetchElectron()
if (binary !== null) {
  // Chromium refuses to start as root unless its own sandbox is off; the renderer stays sandboxed
  // by Electron's settings either way.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : []
  const child = spawn(binary, ['.', ...rootArgs, ...args], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  await runInChromium()
}
