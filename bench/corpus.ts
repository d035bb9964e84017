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

function sentence(rand: () => number): string {
  const words: string[] = []
  const length = 12 + Math.floor(rand() * 18)
  for (let i = 0; i < length; i++) {
    const roll = rand()
    if (roll < 0.08) words.push(pick(rand, NAMES))
    else if (roll < 0.11) words.push(`${(rand() * 900 + 10).toFixed(1).replace('.', ',')} ${pick(rand, UNITS)}`)
    else words.push(pick(rand, SYLLABLES))
  }
  const text = words.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

function paragraph(rand: () => number): string {
  return Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(rand)).join(' ')
}

/** One agency-style article of about `bytes` UTF-8 bytes, with a date header, title and end mark. */
export function syntheticArticle(index: number, bytes = 5000): string {
  const rand = random(index + 1)
  const year = 2018 + Math.floor(rand() * 8)
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0')
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0')
  const title = sentence(rand).replace(/\.$/, '').slice(0, 120)
  const paragraphs: string[] = []
  let size = 0
  while (size < bytes) {
    const text = paragraph(rand)
    paragraphs.push(text)
    size += Buffer.byteLength(text) + 2
  }
  return `date ${year}-${month}-${day}\n${title}\n\n${paragraphs.join('\n\n')}./.\n\n(TTXVN)\n`
}
