/**
 * News agencies and outlets whose names appear in photo credits and bylines of the reports our
 * users import, each with the spellings met in the text. The first spelling is the one a proposed
 * source uses. A credit that names none of them (a photographer, "tư liệu") proposes nothing:
 * a person's name is not a source.
 */
const AGENCIES: readonly (readonly string[])[] = [
  ['TTXVN', 'TTX', 'Thông tấn xã Việt Nam'],
  ['VNA', 'Vietnam News Agency'],
  ['Vietnam+', 'VietnamPlus', 'Vietnam Plus'],
  ['VOV', 'Đài Tiếng nói Việt Nam'],
  ['VTV'],
  ['Nhân Dân', 'Báo Nhân Dân', 'Nhandan'],
  ['Reuters'],
  ['AFP'],
  ['AP', 'Associated Press'],
  ['EFE'],
  ['Xinhua', 'Tân Hoa Xã'],
  ['Kyodo'],
  ['Yonhap'],
  ['Bernama'],
  ['ANTARA'],
  ['Prensa Latina'],
  ['Andina'],
  ['TASS'],
]

function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/gu, ' ').trim()
}

const BY_SPELLING = new Map<string, string>(AGENCIES.flatMap((spellings) => spellings.map((spelling) => [fold(spelling), spellings[0]!] as const)))

/** The agency a credit fragment names ("TTXVN", "TTXVN phát", "vietnamplus"), or null. */
export function knownAgency(fragment: string): string | null {
  // "TTXVN phát" (distributed by), "Reuters chụp" (taken by): the verb is not part of the name.
  const name = fold(fragment.replace(/[.,;:]+$/u, '')).replace(/\s+(?:phát|chụp|cung cấp|tư liệu)$/u, '')
  return BY_SPELLING.get(name) ?? null
}
