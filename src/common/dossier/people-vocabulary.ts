import { PhraseList } from './phrase-list'

/**
 * The closed word lists the people finder reads titles with, in Vietnamese, English and Spanish.
 * A person is only found after (or, in English and Spanish, beside) a title from ROLES: a missed
 * name costs less than a false one in a who's who. Extend a list rather than loosen a rule.
 * Phrases are lowercase, words one space apart; matching ignores case.
 */

export const ROLES = new PhraseList([
  // Vietnamese
  'tổng bí thư', 'chủ tịch nước', 'phó chủ tịch nước', 'chủ tịch', 'phó chủ tịch', 'thủ tướng', 'phó thủ tướng',
  'bộ trưởng', 'thứ trưởng', 'thứ trưởng thường trực', 'ngoại trưởng', 'phó ngoại trưởng', 'tổng thống', 'phó tổng thống',
  'đại sứ', 'tổng lãnh sự', 'lãnh sự', 'đại biện', 'tham tán', 'tham tán thương mại', 'tổng giám đốc', 'phó tổng giám đốc',
  'giám đốc', 'tổng thư ký', 'thống đốc', 'quốc vương', 'nhà vua', 'chánh án', 'viện trưởng', 'trưởng ban', 'phó trưởng ban',
  'bí thư', 'chủ nhiệm', 'phó chủ nhiệm', 'nghị sĩ', 'thượng nghị sĩ', 'hạ nghị sĩ', 'người phát ngôn', 'trưởng đoàn',
  'thị trưởng', 'tỉnh trưởng', 'thủ hiến', 'chủ tịch hội đồng quản trị',
  // English
  'president', 'vice president', 'prime minister', 'deputy prime minister', 'foreign minister', 'deputy foreign minister',
  'permanent deputy foreign minister', 'minister', 'deputy minister', 'vice minister', 'vice-minister', 'ambassador', 'speaker',
  'vice speaker', 'chairman', 'chairwoman', 'chairperson', 'vice chairman', 'secretary-general', 'secretary general',
  'general secretary', 'deputy secretary-general', 'general director', 'director general', 'director-general', 'director',
  'chief executive', 'ceo', 'congressman', 'congresswoman', 'senator', 'governor', 'mayor', 'consul general', 'consul',
  'chargé d’affaires', "chargé d'affaires", 'spokesperson', 'spokesman', 'spokeswoman', 'king', 'queen', 'chancellor',
  'state secretary', 'secretary of state', 'managing director',
  // Spanish
  'presidente', 'presidenta', 'vicepresidente', 'vicepresidenta', 'primer ministro', 'primera ministra', 'ministro', 'ministra',
  'viceministro', 'viceministra', 'canciller', 'vicecanciller', 'embajador', 'embajadora', 'cónsul', 'cónsul general',
  'gerente general', 'gerente', 'director ejecutivo', 'directora ejecutiva', 'directora', 'directora general',
  'secretario general', 'secretaria general', 'congresista', 'senador', 'senadora', 'gobernador', 'gobernadora', 'alcalde',
  'alcaldesa', 'portavoz', 'rey', 'reina', 'encargado de negocios', 'encargada de negocios',
])

/** Ministries, chambers and portfolios that belong to a title ("Thứ trưởng Ngoại giao", "Minister of Energy and Mines"). */
export const DEPARTMENTS = new PhraseList([
  // Vietnamese
  'bộ', 'ngoại giao', 'công an', 'quốc phòng', 'công thương', 'tài chính', 'kế hoạch', 'đầu tư', 'tư pháp', 'nội vụ', 'y tế',
  'giáo dục', 'đào tạo', 'lao động', 'thương binh', 'xã hội', 'nông nghiệp', 'phát triển nông thôn', 'môi trường',
  'tài nguyên', 'giao thông', 'vận tải', 'giao thông vận tải', 'xây dựng', 'thông tin', 'truyền thông', 'văn hóa', 'văn hoá',
  'thể thao', 'du lịch', 'khoa học', 'công nghệ', 'ngoại thương', 'năng lượng', 'mỏ', 'khai khoáng', 'quốc hội', 'hạ viện',
  'thượng viện', 'nghị viện', 'chính phủ', 'ủy ban', 'uỷ ban', 'trung ương', 'đối ngoại', 'kinh tế', 'sản xuất', 'hội đồng',
  'ngân hàng nhà nước', 'văn phòng', 'kiểm toán nhà nước', 'thường trực',
  // English
  'foreign affairs', 'foreign trade', 'international trade', 'trade', 'industry', 'commerce', 'finance', 'defence', 'defense',
  'public security', 'home affairs', 'interior', 'justice', 'health', 'education', 'training', 'labour', 'labor', 'agriculture',
  'rural development', 'environment', 'natural resources', 'energy', 'mines', 'mining', 'transport', 'transportation',
  'communications', 'information', 'culture', 'sports', 'tourism', 'science', 'technology', 'planning', 'investment',
  'construction', 'external relations', 'economy', 'economic affairs', 'production', 'congress', 'senate', 'national assembly',
  'parliament', 'house of representatives', 'council of ministers', 'government', 'fisheries', 'state', 'affairs',
  // Spanish
  'relaciones exteriores', 'asuntos exteriores', 'comercio exterior', 'turismo', 'industria', 'comercio', 'energía', 'minas',
  'economía', 'finanzas', 'economía y finanzas', 'defensa', 'justicia', 'salud', 'educación', 'transportes', 'comunicaciones',
  'cultura', 'producción', 'agricultura', 'desarrollo agrario', 'ambiente', 'trabajo', 'congreso', 'senado', 'cámara de diputados',
  'diputados', 'gobierno', 'consejo de ministros', 'cancillería', 'exteriores', 'integración', 'riego',
])

/** Countries and their adjectives, as titles state them; mapped to the country's name. */
const COUNTRY_FORMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Việt Nam', ['việt nam', 'vietnam', 'viet nam', 'vietnamese', 'vietnamita', 'vietnamitas']],
  ['Peru', ['peru', 'perú', 'peruvian', 'peruano', 'peruana', 'peruanos']],
  ['Brazil', ['brazil', 'brasil', 'brazilian', 'brasileño', 'brasileña']],
  ['Chile', ['chile', 'chilean', 'chileno', 'chilena']],
  ['Mexico', ['mexico', 'méxico', 'mexican', 'mexicano', 'mexicana']],
  ['Argentina', ['argentina', 'argentine', 'argentinian', 'argentino']],
  ['Colombia', ['colombia', 'colombian', 'colombiano', 'colombiana']],
  ['Ecuador', ['ecuador', 'ecuadorian', 'ecuatoriano', 'ecuatoriana']],
  ['Bolivia', ['bolivia', 'bolivian', 'boliviano', 'boliviana']],
  ['Cuba', ['cuba', 'cuban', 'cubano', 'cubana']],
  ['Venezuela', ['venezuela', 'venezuelan', 'venezolano', 'venezolana']],
  ['Uruguay', ['uruguay', 'uruguayan', 'uruguayo', 'uruguaya']],
  ['Paraguay', ['paraguay', 'paraguayan', 'paraguayo', 'paraguaya']],
  ['Panama', ['panama', 'panamá', 'panamanian', 'panameño', 'panameña']],
  ['Dominica', ['dominica', 'dominican', 'dominicano', 'dominicana']],
  ['Canada', ['canada', 'canadá', 'canadian', 'canadiense']],
  ['United States', ['mỹ', 'hoa kỳ', 'united states', 'american', 'estados unidos', 'estadounidense']],
  ['China', ['trung quốc', 'china', 'chinese', 'chino', 'china']],
  ['Japan', ['nhật bản', 'japan', 'japanese', 'japón', 'japonés', 'japonesa']],
  ['Korea', ['hàn quốc', 'korea', 'south korea', 'korean', 'corea', 'coreano', 'coreana']],
  ['India', ['ấn độ', 'india', 'indian', 'indio']],
  ['Russia', ['nga', 'liên bang nga', 'russia', 'russian', 'rusia', 'ruso', 'rusa']],
  ['France', ['pháp', 'france', 'french', 'francia', 'francés', 'francesa']],
  ['Germany', ['đức', 'germany', 'german', 'alemania', 'alemán', 'alemana']],
  ['United Kingdom', ['anh', 'vương quốc anh', 'united kingdom', 'uk', 'british', 'reino unido', 'británico', 'británica']],
  ['Australia', ['úc', 'australia', 'australian', 'australiano', 'australiana']],
  ['Laos', ['lào', 'laos', 'lao']],
  ['Cambodia', ['campuchia', 'cambodia', 'cambodian', 'camboya']],
  ['Thailand', ['thái lan', 'thailand', 'thai', 'tailandia']],
  ['Indonesia', ['indonesia', 'indonesian']],
  ['Malaysia', ['malaysia', 'malaysian', 'malasia']],
  ['Singapore', ['singapore', 'singaporean', 'singapur']],
  ['Philippines', ['philippines', 'philippine', 'filipino', 'filipinas']],
  ['Spain', ['tây ban nha', 'spain', 'spanish', 'españa', 'español', 'española']],
])

export const COUNTRY_BY_FORM: ReadonlyMap<string, string> = new Map(
  [...COUNTRY_FORMS].flatMap(([country, forms]) => forms.map((form) => [form, country] as const)),
)
export const COUNTRIES = new PhraseList(COUNTRY_BY_FORM.keys())

/** Spanish adjectives of country, which are written in lowercase ("el presidente peruano"). */
export const LOWERCASE_COUNTRY_FORMS: ReadonlySet<string> = new Set([
  'vietnamita', 'vietnamitas', 'peruano', 'peruana', 'peruanos', 'brasileño', 'brasileña', 'chileno', 'chilena', 'mexicano',
  'mexicana', 'argentino', 'colombiano', 'colombiana', 'ecuatoriano', 'ecuatoriana', 'boliviano', 'boliviana', 'cubano', 'cubana',
  'venezolano', 'venezolana', 'uruguayo', 'uruguaya', 'paraguayo', 'paraguaya', 'panameño', 'panameña', 'dominicano', 'dominicana',
  'canadiense', 'estadounidense', 'chino', 'japonés', 'japonesa', 'coreano', 'coreana', 'ruso', 'rusa', 'francés', 'francesa',
  'alemán', 'alemana', 'británico', 'británica', 'australiano', 'australiana', 'español', 'española',
])

/** Words that join the parts of a title: "Đại sứ Việt Nam tại Brazil kiêm nhiệm Cộng hòa Peru", "Minister of Energy and Mines". */
export const CONNECTORS = new PhraseList([
  'tại', 'kiêm nhiệm', 'kiêm', 'nước', 'và', 'cộng hòa', 'cộng hoà',
  'of', 'the', 'and', 'for', 'to',
  'de', 'del', 'la', 'el', 'los', 'las', 'y', 'en', 'e',
])

/** Organisations known by name, lowercase. Acronyms (APEC, PVN) are found by their shape. */
export const KNOWN_ORGANISATIONS = new PhraseList([
  'bitel', 'viettel', 'petrovietnam', 'petroperú', 'petroperu', 'pemex', 'vnpt', 'fpt', 'vingroup', 'vinfast', 'vietnam airlines',
  'vietjet', 'ttxvn', 'vietcombank', 'bidv', 'agribank', 'petrobras', 'codelco',
])

/** Words that open the name of a company or group, which runs on to its acronym in brackets. */
export const ORGANISATION_HEADS = new PhraseList(['tập đoàn', 'tổng công ty', 'công ty', 'ngân hàng', 'group', 'grupo', 'empresa'])

/** Lowercase name particles inside Spanish, Portuguese and Dutch names ("Ricardo de los Santos", "van Klaveren"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'da', 'do', 'dos', 'das', 'van', 'von', 'der', 'y'])

/** Vietnamese family names, folded (no diacritics): a name that starts with one is named family name first. */
export const VIETNAMESE_FAMILY_NAMES: ReadonlySet<string> = new Set([
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly', 'ha',
  'dinh', 'lam', 'trinh', 'mai', 'to', 'dao', 'luong', 'vuong', 'ta', 'cao', 'doan', 'chu', 'thai', 'tao', 'trieu', 'kieu', 'quach',
  'giang', 'lai', 'luu', 'tong', 'au', 'khuat', 'nong', 'thach', 'van', 'la', 'tang', 'banh', 'diep', 'ong', 'bach', 'mac', 'hua',
])
