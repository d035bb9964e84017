import { createHash } from 'node:crypto'
import type { PasswordKeeping } from '../../common/team/team-view'

/**
 * Where the app keeps a team password between sessions, injected by the shell: the Electron app
 * passes one over the OS keychain (Electron `safeStorage`, electron/main/team-secrets.ts); where
 * that is absent (the browser shell, tests, a Linux session without a keyring) the password is
 * kept in memory for this session only, and the window says so. Never in the library folder, a
 * log or an error; never in a reply to the window.
 */
export interface SecretKeeper {
  readonly keeping: PasswordKeeping
  read(key: string): Promise<string | null>
  save(key: string, secret: string): Promise<void>
  forget(key: string): Promise<void>
}

/** The key a team password is kept under: one per library, server, database and user (hashed: the key names no path). */
export function secretKey(libraryDir: string, team: { server: string; db: string; user: string }): string {
  return createHash('sha256').update(JSON.stringify([libraryDir, team.server, team.db, team.user])).digest('hex')
}

/** Memory only, for this session: a restart asks for the password again. */
export function sessionSecretKeeper(): SecretKeeper {
  const secrets = new Map<string, string>()
  return {
    keeping: 'session',
    read: async (key) => secrets.get(key) ?? null,
    save: async (key, secret) => void secrets.set(key, secret),
    forget: async (key) => void secrets.delete(key),
  }
}
