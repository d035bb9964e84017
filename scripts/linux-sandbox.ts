import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * Chromium's sandbox on Linux needs either unprivileged user namespaces or a setuid-root helper
 * (`chrome-sandbox` beside the Electron binary). Ubuntu 23.10 and later let AppArmor refuse user
 * namespaces to unconfined programs, and an Electron unpacked by npm has no setuid helper: Electron
 * then aborts with a FATAL line about chrome-sandbox. Installed packages solve it themselves (the
 * .deb's post-install script installs an AppArmor profile or makes the helper setuid); for
 * `npm start` we say what is wrong and how to fix it once, instead of turning the sandbox off.
 */
export interface SandboxFacts {
  readonly platform: NodeJS.Platform
  readonly isRoot: boolean
  /** Unprivileged user namespaces are switched off or refused by AppArmor. */
  readonly usernsRestricted: boolean
  /** chrome-sandbox is owned by root and has the setuid bit. */
  readonly helperSetuid: boolean
}

/** True when Electron's sandbox cannot start (as root, Chromium needs --no-sandbox anyway). */
export function sandboxWillFail(facts: SandboxFacts): boolean {
  return facts.platform === 'linux' && !facts.isRoot && facts.usernsRestricted && !facts.helperSetuid
}

export function sandboxHelper(electronBinary: string): string {
  return join(dirname(electronBinary), 'chrome-sandbox')
}

/** What this machine says about the facts above. */
export function sandboxFacts(electronBinary: string): SandboxFacts {
  const helper = sandboxHelper(electronBinary)
  const stat = existsSync(helper) ? statSync(helper) : null
  return {
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    usernsRestricted: process.platform === 'linux' && usernsRestricted(),
    helperSetuid: stat !== null && stat.uid === 0 && (stat.mode & 0o4000) !== 0,
  }
}

function usernsRestricted(): boolean {
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : null)
  if (read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') return true
  if (read('/proc/sys/kernel/unprivileged_userns_clone') === '0') return true
  // The kernel's own switch, and the quick test electron-builder's .deb script uses.
  return spawnSync('unshare', ['--user', 'true'], { stdio: 'ignore' }).status !== 0
}
