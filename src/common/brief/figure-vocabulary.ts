import type { NumberConvention } from './parse-number'

/**
 * The words the key-figure finder knows, in Vietnamese and English. Deliberately closed lists: a
 * number followed by a word it does not know is not a figure (see key-figures.ts). Extend a list
 * rather than loosen a pattern. Keys are lowercase and NFC; matching ignores case.
 */

/** Scale words: the power of ten they stand for and the number convention their language uses. */
export const SCALE_WORDS: ReadonlyMap<string, { readonly exponent: number; readonly convention: NumberConvention }> = new Map([
  ['nghìn tỷ', { exponent: 12, convention: 'vi' }],
  ['ngàn tỷ', { exponent: 12, convention: 'vi' }],
  ['nghìn tỉ', { exponent: 12, convention: 'vi' }],
  ['ngàn tỉ', { exponent: 12, convention: 'vi' }],
  ['nghìn', { exponent: 3, convention: 'vi' }],
  ['ngàn', { exponent: 3, convention: 'vi' }],
  ['triệu', { exponent: 6, convention: 'vi' }],
  ['tỷ', { exponent: 9, convention: 'vi' }],
  ['tỉ', { exponent: 9, convention: 'vi' }],
  ['thousand', { exponent: 3, convention: 'en' }],
  ['million', { exponent: 6, convention: 'en' }],
  ['billion', { exponent: 9, convention: 'en' }],
  ['trillion', { exponent: 12, convention: 'en' }],
  ['bn', { exponent: 9, convention: 'en' }],
])

/** Currency words written after the number, by ISO 4217 code. */
export const CURRENCY_SUFFIXES: ReadonlyMap<string, string> = new Map([
  ['usd', 'USD'],
  ['us$', 'USD'],
  ['đô la mỹ', 'USD'],
  ['đô-la mỹ', 'USD'],
  ['đôla mỹ', 'USD'],
  ['đô la', 'USD'],
  ['đô-la', 'USD'],
  ['đôla', 'USD'],
  ['us dollars', 'USD'],
  ['us dollar', 'USD'],
  ['dollars', 'USD'],
  ['dollar', 'USD'],
  ['vnd', 'VND'],
  ['vnđ', 'VND'],
  // "đồng" is also a common prefix ("đồng hồ", "đồng chủ trì"): only read as a currency after a
  // scale word or a number of at least 1,000 (see key-figures.ts).
  ['đồng', 'VND'],
  ['dong', 'VND'],
  ['eur', 'EUR'],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['€', 'EUR'],
  ['pen', 'PEN'],
  ['soles', 'PEN'],
  ['nhân dân tệ', 'CNY'],
  ['cny', 'CNY'],
  ['yuan', 'CNY'],
  ['jpy', 'JPY'],
  ['yên', 'JPY'],
  ['yen', 'JPY'],
])

/** Currency signs and codes written before the number ("$600 million", "USD 2.5 billion"). */
export const CURRENCY_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['us$', 'USD'],
  ['$', 'USD'],
  ['usd', 'USD'],
  ['€', 'EUR'],
  ['eur', 'EUR'],
  ['vnd', 'VND'],
  ['pen', 'PEN'],
])

export const PERCENT_WORDS: readonly string[] = ['%', 'phần trăm', 'percent', 'per cent']

/** Vietnamese classifiers that may stand between a number and its unit ("450 chiếc máy tính bảng"). */
export const CLASSIFIERS: readonly string[] = ['chiếc', 'cái', 'con', 'bộ', 'căn', 'ngôi', 'tấm']

/**
 * Units of counts and measures, mapped to the unit as the table shows it. Vietnamese durations
 * ("30 năm") are left out on purpose: "tháng 6 năm nay" would read as "6 năm".
 */
export const UNITS: ReadonlyMap<string, string> = new Map([
  // Telecommunications and technology
  ['thuê bao', 'thuê bao'],
  ['trạm phát sóng', 'trạm phát sóng'],
  ['trạm bts', 'trạm BTS'],
  ['máy tính bảng', 'máy tính bảng'],
  ['máy tính xách tay', 'máy tính xách tay'],
  ['máy tính', 'máy tính'],
  ['subscribers', 'subscribers'],
  ['customers', 'customers'],
  ['users', 'users'],
  ['base stations', 'base stations'],
  ['towers', 'towers'],
  ['tablets', 'tablets'],
  ['laptops', 'laptops'],
  ['computers', 'computers'],
  // Education, health, people
  ['trường học', 'trường học'],
  ['trường', 'trường'],
  ['học sinh', 'học sinh'],
  ['sinh viên', 'sinh viên'],
  ['giáo viên', 'giáo viên'],
  ['suất học bổng', 'suất học bổng'],
  ['học bổng', 'học bổng'],
  ['bệnh viện', 'bệnh viện'],
  ['người', 'người'],
  ['lao động', 'lao động'],
  ['việc làm', 'việc làm'],
  ['hộ gia đình', 'hộ gia đình'],
  ['du khách', 'du khách'],
  ['lượt khách', 'lượt khách'],
  ['khách hàng', 'khách hàng'],
  ['schools', 'schools'],
  ['students', 'students'],
  ['pupils', 'pupils'],
  ['teachers', 'teachers'],
  ['scholarships', 'scholarships'],
  ['hospitals', 'hospitals'],
  ['people', 'people'],
  ['workers', 'workers'],
  ['jobs', 'jobs'],
  ['households', 'households'],
  ['tourists', 'tourists'],
  ['visitors', 'visitors'],
  // Organisations, agreements, places
  ['doanh nghiệp', 'doanh nghiệp'],
  ['công ty', 'công ty'],
  ['dự án', 'dự án'],
  ['hiệp định', 'hiệp định'],
  ['thỏa thuận', 'thỏa thuận'],
  ['văn kiện', 'văn kiện'],
  ['nền kinh tế', 'nền kinh tế'],
  ['quốc gia', 'quốc gia'],
  ['nước thành viên', 'nước thành viên'],
  ['thành viên', 'thành viên'],
  ['tỉnh', 'tỉnh'],
  ['xã', 'xã'],
  ['companies', 'companies'],
  ['firms', 'firms'],
  ['enterprises', 'enterprises'],
  ['projects', 'projects'],
  ['agreements', 'agreements'],
  ['economies', 'economies'],
  ['countries', 'countries'],
  ['members', 'members'],
  ['provinces', 'provinces'],
  ['villages', 'villages'],
  ['years', 'years'],
  // Measures
  ['km', 'km'],
  ['kilômét', 'km'],
  ['ki-lô-mét', 'km'],
  ['cây số', 'km'],
  ['kilometres', 'km'],
  ['kilometers', 'km'],
  ['km2', 'km²'],
  ['km²', 'km²'],
  ['ha', 'ha'],
  ['héc-ta', 'ha'],
  ['hécta', 'ha'],
  ['hectares', 'ha'],
  ['tấn', 'tấn'],
  ['tonnes', 'tonnes'],
  ['tons', 'tons'],
  ['mw', 'MW'],
  ['gw', 'GW'],
  ['mbps', 'Mbps'],
  ['gbps', 'Gbps'],
  ['container', 'container'],
  ['containers', 'containers'],
  ['teu', 'TEU'],
])

/** Words before a number that make it an ordinal or a label, not a quantity ("lần thứ 5"). */
export const ORDINAL_WORDS: ReadonlySet<string> = new Set([
  'thứ',
  'hạng',
  'điều',
  'khoản',
  'chương',
  'mục',
  'khóa',
  'khoá',
  'phiên',
  'vòng',
  'number',
  'rank',
  'article',
  'section',
  'chapter',
  'round',
  'session',
  'no',
])

/** English month names and abbreviations, by month number. */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march', 'mar'],
    ['april', 'apr'],
    ['may', 'may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sep', 'sept'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ].flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
)

/** Words that make a bare four-digit number a year ("in 2027", "by 2025"). */
export const YEAR_PREPOSITIONS: readonly string[] = ['in', 'since', 'by', 'until', 'from', 'to', 'before', 'after', 'during', 'through', 'early', 'late', 'mid']

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A regular expression alternation of `words`, longest first (so "đô la Mỹ" wins over "đô la"), a
 * space in a word matching any one space character.
 */
export function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => escapeRegExp(word).replace(/ /g, '[ \\u00A0]'))
    .join('|')
}

/** A matched word as a vocabulary key: lowercase, NFC, single ASCII spaces. */
export function vocabularyKey(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/[ \u00A0]+/g, ' ')
}
