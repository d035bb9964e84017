import type { PartialDate } from '../../../common/model/article'
import { formatPartialDate } from '../../../common/text/dates'

// A long timeline repeats few dates, so each text is formatted once.
const cache = new Map<string, string>()

/** A partial date in the UI language ("3 October 2024", "3 tháng 10 năm 2024", "tháng 11 năm 2024"). */
export function uiDate(date: PartialDate, locale: string): string {
  const key = `${locale}|${date}`
  let text = cache.get(key)
  if (text === undefined) {
    if (cache.size > 5000) cache.clear()
    text = formatPartialDate(date, locale)
    cache.set(key, text)
  }
  return text
}
