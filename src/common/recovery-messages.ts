import type { Locale } from './i18n/translate'
import { translate } from './i18n/translate'
import type { RecoveryEvent } from './model/recovery'

/**
 * One sentence telling the user what a repair did and what, if anything, is missing. Shared by
 * the app's notice and the CLI's warnings. `titleOf` names an article by its id.
 */
export function describeRecovery(event: RecoveryEvent, locale: Locale, titleOf: (id: string) => string | null): string {
  const damage = translate(locale, `recovery.damage.${event.damage}`)
  const kept = event.keptAs
  if (event.outcome === 'generation') {
    const date = new Date(event.restoredFrom ?? '').toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')
    return translate(locale, 'recovery.generation', { file: event.file, damage, date, kept })
  }
  if (event.outcome === 'rebuilt') {
    return translate(locale, kept === '' ? 'recovery.rebuiltMissing' : 'recovery.rebuilt', { damage, kept })
  }
  const what = (event.lost ?? '')
    .split(' ')
    .map((item) => describeLost(item, locale, titleOf))
    .join(', ')
  return translate(locale, kept === '' ? 'recovery.lostMissing' : 'recovery.lost', { file: event.file, damage, what, kept })
}

function describeLost(item: string, locale: Locale, titleOf: (id: string) => string | null): string {
  const [kind, id = ''] = item.split(':')
  const title = titleOf(id) ?? id
  switch (kind) {
    case 'annotations':
      return translate(locale, 'recovery.what.annotations', { title })
    case 'article':
      return translate(locale, 'recovery.what.article', { title })
    case 'tags':
      return translate(locale, 'recovery.what.tags')
    case 'settings':
      return translate(locale, 'recovery.what.settings')
    case 'briefing':
      return translate(locale, 'recovery.what.briefing')
    default:
      return translate(locale, 'recovery.what.unknown')
  }
}
