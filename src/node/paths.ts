import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Where the library lives. The desktop app keeps it in `<userData>/library`, where userData is
 * Electron's per-app folder; the CLI must find the same folder without Electron, so this
 * reproduces Electron's rule: the platform's app-data folder + the product name.
 */
export const PRODUCT_NAME = 'Briefing Desk'
export const LIBRARY_FOLDER = 'library'
export const DATA_DIR_ENV = 'BRIEFING_DATA_DIR'

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return env['APPDATA'] ?? join(home, 'AppData', 'Roaming')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support')
  return env['XDG_CONFIG_HOME'] || join(home, '.config')
}

export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  return join(appDataDir(env, platform, home), PRODUCT_NAME, LIBRARY_FOLDER)
}

/** --data-dir wins, then BRIEFING_DATA_DIR, then the app's own folder. */
export function resolveLibraryDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env[DATA_DIR_ENV] || defaultLibraryDir(env))
}

/** The value of `--data-dir DIR` or `--data-dir=DIR` in an argv that may hold other switches. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--data-dir') return argv[i + 1]
    if (arg?.startsWith('--data-dir=')) return arg.slice('--data-dir='.length)
  }
  return undefined
}

/**
 * The library asked for instead of the default one (--data-dir, then BRIEFING_DATA_DIR), as an
 * absolute path: a relative one is taken from `cwd`, the folder the user started in. Electron's
 * app.setPath throws on a relative path, before any window could say why.
 */
export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const value = dataDirFromArgv(argv) || env[DATA_DIR_ENV] || undefined
  return value === undefined ? undefined : resolve(cwd, value)
}

/** The folder the user started in: npm runs scripts in the package's folder and keeps the caller's in INIT_CWD. */
export function startedIn(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return env['INIT_CWD'] || cwd
}
