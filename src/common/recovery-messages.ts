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
  const date = new Date(event.restoredFrom ?? '').toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')
  const what = describeWhat(event.lost ?? '', locale, titleOf)
  if (event.readOnly === true) {
    // Nothing was moved or written: say which copy answered, or what cannot be shown.
    if (event.outcome === 'lost') return translate(locale, 'recovery.readOnlyLost', { file: event.file, damage, what })
    const source =
      event.outcome === 'generation'
        ? translate(locale, 'recovery.source.generation', { date })
        : translate(locale, event.outcome === 'rebuilt' ? 'recovery.source.rebuilt' : 'recovery.source.copy')
    return translate(locale, 'recovery.readOnly', { file: event.file, damage, source })
  }
  switch (event.outcome) {
    case 'copy':
      return translate(locale, kept === '' ? 'recovery.copyMissing' : 'recovery.copy', { file: event.file, damage, kept })
    case 'recopied':
      return translate(locale, 'recovery.recopied', { file: event.file, damage, kept })
    case 'generation':
      return translate(locale, 'recovery.generation', { file: event.file, damage, date, kept })
    case 'rebuilt':
      return translate(locale, kept === '' ? 'recovery.rebuiltMissing' : 'recovery.rebuilt', { damage, kept })
    case 'lost':
      return translate(locale, kept === '' ? 'recovery.lostMissing' : 'recovery.lost', { file: event.file, damage, what, kept })
  }
}

/**
 * The items of RecoveryEvent.lost in words. Themes lost with tags.json ("theme:<id>:<highlights>",
 * see src/node/store/lost-themes.ts) are named inside the "theme tags" item, not beside it.
 */
function describeWhat(lost: string, locale: Locale, titleOf: (id: string) => string | null): string {
  const items = lost.split(' ')
  const themes = items.filter((item) => item.startsWith('theme:')).map((item) => describeTheme(item, locale))
  return items
    .filter((item) => !item.startsWith('theme:'))
    .map((item) =>
      item === 'tags' && themes.length > 0 ? translate(locale, 'recovery.what.tagsNamed', { themes: themes.join('; ') }) : describeLost(item, locale, titleOf),
    )
    .join(', ')
}

function describeTheme(item: string, locale: Locale): string {
  const [, id = '', count = '0'] = item.split(':')
  return translate(locale, 'recovery.what.theme', { id, count: Number(count) })
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
    case 'brief':
      return translate(locale, 'recovery.what.brief')
    case 'page-image':
      return translate(locale, 'recovery.what.pageImage', { title })
    case 'template':
      return translate(locale, 'recovery.what.template', { id })
    case 'journal':
      return translate(locale, 'recovery.what.journal')
    default:
      return translate(locale, 'recovery.what.unknown')
  }
}
