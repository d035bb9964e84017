import type { ApiHandlers } from '../../common/api'
import { translate } from '../../common/i18n/translate'
import { BACKUP_EXTENSION, readBackup } from '../store/backup-bundle'
import { addSampleArticles } from '../library/samples'
import type { LibraryParts } from './library-parts'
import { unfinishedRestore } from '../team/team-restore'

export type LibraryHandlers = Pick<ApiHandlers, 'appInfo' | 'addSampleArticles' | 'libraryStatus' | 'backupLibrary' | 'restoreLibrary'>

/** The library as a whole: what it is, what opening it repaired, backups and restores. */
export function libraryHandlers(parts: LibraryParts): LibraryHandlers {
  const { store, dialogs } = parts
  return {
    async appInfo() {
      return parts.info
    },

    /** Adds the shipped samples the library lacks ("Add sample articles", `samples add`). */
    async addSampleArticles() {
      const ids = await addSampleArticles(store, parts.samplesDir, parts.now())
      return { added: ids.length }
    },

    /** What opening (or using) the library had to repair, for the user to see. */
    async libraryStatus() {
      const readOnlyBecause = store.writable ? null : await unfinishedRestore(store.dir, parts.locale)
      return { recovery: [...store.recoveryEvents], writable: store.writable, ...(readOnlyBecause === null ? {} : { readOnlyBecause: readOnlyBecause.toInfo() }) }
    },

    /** Asks where to save, then writes a verified backup of the whole library there. */
    async backupLibrary() {
      const t = (key: Parameters<typeof translate>[1]) => translate(parts.locale, key)
      const day = parts.now().toISOString().slice(0, 10)
      const path = await dialogs.chooseSaveFile({
        title: t('backup.dialog.title'),
        defaultName: `Briefing Desk ${day}${BACKUP_EXTENSION}`,
        filters: [{ name: t('backup.dialog.filter'), extensions: [BACKUP_EXTENSION.slice(1)] }],
      })
      if (path === null) return { status: 'cancelled' }
      return { status: 'done', path, ...(await store.backupTo(path)) }
    },

    /** Asks for a backup, checks it, asks for confirmation, then replaces the library with it (the store announces it). */
    async restoreLibrary() {
      const locale = parts.locale
      const path = await dialogs.chooseOpenFile({
        title: translate(locale, 'restore.dialog.title'),
        filters: [{ name: translate(locale, 'backup.dialog.filter'), extensions: [BACKUP_EXTENSION.slice(1)] }],
      })
      if (path === null) return { status: 'cancelled' }
      const { header, files } = await readBackup(path, { now: parts.now(), randomHex32: () => '0'.repeat(32) }, () => undefined)
      const confirmed = await dialogs.confirm({
        title: translate(locale, 'restore.confirm.title'),
        message: translate(locale, 'restore.confirm.message', { file: path }),
        detail: translate(locale, 'restore.confirm.detail', { date: new Date(header.createdAt).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB'), files }),
        confirmLabel: translate(locale, 'restore.confirm.ok'),
        cancelLabel: translate(locale, 'restore.confirm.cancel'),
      })
      if (!confirmed) return { status: 'cancelled' }
      // Team sync stops around the restore, and takes the restored records as old, not as edits.
      return { status: 'done', path, ...(await parts.team.restoring(() => store.restoreFrom(path))) }
    },
  }
}
