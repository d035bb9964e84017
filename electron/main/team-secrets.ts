import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { app, safeStorage } from 'electron'
import { sessionSecretKeeper, type SecretKeeper } from '../../src/node/team/team-connection-secrets'

/**
 * Team passwords in the OS keychain through Electron's safeStorage: each is encrypted with the
 * key the OS keeps for this user (Keychain, DPAPI, libsecret/kwallet) and stored, encrypted, in
 * the app's own folder under the user's application data, never in the library folder (which
 * may be copied, backed up or shared). Where safeStorage has no real keychain (Linux without a
 * secret service falls back to a fixed key, 'basic_text'), passwords are kept in memory for the
 * session only, and the Team dialog says so.
 */
export function keychainSecretKeeper(productName: string): SecretKeeper {
  const available = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text')
  if (!available) return sessionSecretKeeper()
  // appData, not userData: with --data-dir, userData lies inside the library folder.
  const file = join(app.getPath('appData'), productName, 'team-passwords.json')
  const readAll = async (): Promise<Record<string, string>> => {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {}
    } catch {
      return {}
    }
  }
  const writeAll = async (entries: Record<string, string>): Promise<void> => {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(`${file}.tmp`, JSON.stringify(entries), { mode: 0o600 })
    await rename(`${file}.tmp`, file)
  }
  return {
    keeping: 'keychain',
    async read(key) {
      const sealed = (await readAll())[key]
      if (typeof sealed !== 'string') return null
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'))
      } catch {
        return null
      }
    },
    async save(key, secret) {
      const entries = await readAll()
      entries[key] = safeStorage.encryptString(secret).toString('base64')
      await writeAll(entries)
    },
    async forget(key) {
      const entries = await readAll()
      if (!(key in entries)) return
      delete entries[key]
      await writeAll(entries)
    },
  }
}
