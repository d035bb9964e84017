/**
 * A deterministic generator of Vietnamese-like agency articles for benchmarks: real syllables
 * and names in plausible sentence shapes, with figures, dates and the themes the desk follows.
 * The same seed always yields the same corpus, so runs are comparable.
 */
const SYLLABLES = (
  'hợp tác phát triển kinh tế thương mại đầu tư viễn thông giáo dục nông nghiệp du lịch khai khoáng ' +
  'quan hệ hữu nghị ngoại giao chính phủ quốc hội bộ trưởng thứ trưởng đại sứ tổng thống chủ tịch ' +
  'hai nước hai bên khu vực quốc tế diễn đàn hiệp định đối tác toàn diện tiến bộ xuyên thái bình dương ' +
  'doanh nghiệp thị trường xuất khẩu nhập khẩu hàng hóa dịch vụ hạ tầng cáp quang thuê bao mạng lưới ' +
  'an ninh hàng hải biển đông hòa bình ổn định luật pháp hiến chương liên hợp quốc thành viên đầy đủ ' +
  'chuyển đổi số bền vững vùng sâu vùng xa nông thôn học sinh trường học bệnh viện y tế cơ sở ' +
  'tăng cường thúc đẩy mở rộng nâng cao hiệu quả tiềm năng dư địa cơ hội thách thức ưu tiên'
).split(' ')
const NAMES = ['Việt Nam', 'Peru', 'APEC', 'CPTPP', 'ASEAN', 'Lima', 'Hà Nội', 'Bitel', 'Viettel', 'PetroVietnam', 'Mỹ Latinh']
const UNITS = ['triệu USD', 'tỷ USD', '%', 'triệu thuê bao', 'km', 'trường học']

/** Mulberry32: a tiny seeded PRNG, good enough for shaping test data. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T
}

/**
 * A long tail of rarer words (place names of Peru and Viet Nam, commodities, and generated names),
 * for benchmarks that need rare terms. Used only when asked for (`rareWords`), drawn from a second
 * random stream, so that the default corpus stays exactly what it always was.
 */
const RARE_REAL = (
  'Chancay Callao Arequipa Cusco Trujillo Piura Tacna Iquitos Chiclayo Huancayo Cajamarca Ayacucho Puno ' +
  'Titicaca Nazca Ucayali Loreto Moquegua Tumbes quinoa lithium molypden kẽm thiếc Hải_Phòng Đà_Nẵng ' +
  'Quảng_Ninh Cần_Thơ Bình_Dương Đồng_Nai Khánh_Hòa Thanh_Hóa Nghệ_An Quảng_Trị hồ_tiêu hạt_điều cá_cơm bột_cá'
)
  .split(' ')
  .map((word) => word.replaceAll('_', ' '))
const RARE_ONSETS = ['ch', 'qu', 'h', 'l', 'm', 'p', 'r', 't', 'v', 'y', 'z', 'c']
const RARE_NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ay', 'ua', 'ia']
const RARE_CODAS = ['', 'n', 'r', 'l', 's', 'x']
/** 1,000 generated names ("Chanor", "Quial") and the real ones: each is in a few dozen of 10,000 articles. */
export const RARE_WORDS: readonly string[] = [
  ...RARE_REAL,
  ...Array.from({ length: 1000 }, (_, i) => {
    const a = RARE_ONSETS[i % RARE_ONSETS.length]!
    const b = RARE_NUCLEI[Math.floor(i / RARE_ONSETS.length) % RARE_NUCLEI.length]!
    const c = RARE_ONSETS[Math.floor(i / (RARE_ONSETS.length * RARE_NUCLEI.length)) % RARE_ONSETS.length]!
    const d = RARE_NUCLEI[(i * 7) % RARE_NUCLEI.length]!
    const e = RARE_CODAS[Math.floor(i / 96) % RARE_CODAS.length]!
    return `${a.toUpperCase()}${a.slice(1)}${b}${c}${d}${e}`
  }),
]

function sentence(rand: () => number, rare?: () => number): string {
  const words: string[] = []
  const length = 12 + Math.floor(rand() * 18)
  for (let i = 0; i < length; i++) {
    const roll = rand()
    if (roll < 0.08) words.push(pick(rand, NAMES))
    else if (roll < 0.11) words.push(`${(rand() * 900 + 10).toFixed(1).replace('.', ',')} ${pick(rand, UNITS)}`)
    else words.push(pick(rand, SYLLABLES))
  }
  if (rare !== undefined && rare() < 0.1) words.splice(Math.floor(rare() * words.length), 0, pick(rare, RARE_WORDS))
  const text = words.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

function paragraph(rand: () => number, rare?: () => number): string {
  return Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(rand, rare)).join(' ')
}

/** A sentence of the corpus' kind, e.g. for a synthetic note. */
export function syntheticSentence(seed: number): string {
  return sentence(random(seed))
}

export interface CorpusOptions {
  /** Mix in words from RARE_WORDS (about one sentence in ten has one). Off by default. */
  readonly rareWords?: boolean
}

/** One agency-style article of about `bytes` UTF-8 bytes, with a date header, title and end mark. */
export function syntheticArticle(index: number, bytes = 5000, options: CorpusOptions = {}): string {
  const rand = random(index + 1)
  const rare = options.rareWords === true ? random(0x5eed_0000 + index) : undefined
  const year = 2018 + Math.floor(rand() * 8)
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0')
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0')
  const title = sentence(rand).replace(/\.$/, '').slice(0, 120)
  const paragraphs: string[] = []
  let size = 0
  while (size < bytes) {
    const text = paragraph(rand, rare)
    paragraphs.push(text)
    size += Buffer.byteLength(text) + 2
  }
  return `date ${year}-${month}-${day}\n${title}\n\n${paragraphs.join('\n\n')}./.\n\n(TTXVN)\n`
}
