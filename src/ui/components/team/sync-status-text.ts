import type { TeamSyncView } from '../../../common/team/team-view'
import type { I18n } from '../../state/i18n.svelte'

/** HH:MM in the interface's language (today's times are what a desk needs; the full time is in the tooltip). */
export function clockTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso))
}

/** The one line the status bar shows for a sync state; null when there is no team. */
export function syncStatusText(status: TeamSyncView, i18n: I18n): string | null {
  switch (status.state) {
    case 'disconnected':
      return null
    case 'needsPassword':
      return i18n.t('team.status.needsPassword')
    case 'syncing':
      return status.first ? i18n.t('team.status.firstSync', { pulled: status.pulled, pushed: status.pushed }) : i18n.t('team.status.syncing', { count: status.pulled + status.pushed })
    case 'synced':
      return i18n.t('team.status.synced', { time: clockTime(status.at, i18n.locale) })
    case 'offline':
      return i18n.t('team.status.offline', { time: clockTime(status.since, i18n.locale) })
    case 'error':
      return i18n.t('team.status.error', { reason: i18n.error(status.error) })
  }
}
