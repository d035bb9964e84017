import type { Brief, PassageItem, Section } from '../src/common/model/brief'
import { random, syntheticArticle } from './corpus'

/**
 * The benchmarks' 200-passage brief: 10 sections of 20 passages from 40 synthetic agency articles,
 * one in six paraphrased, one in twenty orphaned. Seeded, so every run prints the same brief.
 */
export const PASSAGES = 200
const SECTIONS = 10
const ARTICLES = 40

function hex(value: number): string {
  return value.toString(16).padStart(16, '0')
}

export function syntheticBrief(): { brief: Brief; orphans: Set<string> } {
  const rand = random(2027)
  const articles = Array.from({ length: ARTICLES }, (_, index) => {
    const [header = '', title = '', , ...body] = syntheticArticle(index, 4000).split('\n')
    const paragraphs = body.filter((line) => line.length > 80)
    return { id: hex(0xa000 + index), title, published: header.replace(/^date /, ''), paragraphs }
  })
  const orphans = new Set<string>()
  const sections: Section[] = []
  let next = 0
  for (let s = 0; s < SECTIONS; s++) {
    const items: PassageItem[] = []
    for (let i = 0; i < PASSAGES / SECTIONS; i++) {
      next++
      const article = articles[Math.floor(rand() * articles.length)]!
      const paragraph = Math.floor(rand() * article.paragraphs.length)
      const text = article.paragraphs[paragraph]!
      const start = Math.floor(rand() * (text.length / 3))
      const quote = text.slice(start, start + 200 + Math.floor(rand() * 200))
      const annotationId = `an_${hex(next)}`
      if (next % 20 === 0) orphans.add(annotationId)
      items.push({
        id: `it_${hex(next)}`,
        annotationId,
        mode: next % 6 === 0 ? 'paraphrase' : 'quote',
        paraphrase: next % 6 === 0 ? `Tóm lại: ${quote.slice(0, 120)} *và* [các] số liệu 1.234,5 tỷ đồng.` : '',
        quote,
        citation: { articleId: article.id, articleTitle: article.title, source: 'TTXVN', published: article.published, paragraph: paragraph + 1 },
      })
    }
    sections.push({ id: `sc_${hex(s + 1)}`, heading: `Chủ đề ${s + 1}: hợp tác Việt Nam – Peru`, body: 'Ghi chú **của người soạn**:\n\n- ý thứ nhất\n- ý thứ hai', items })
  }
  const brief: Brief = {
    id: `br_${hex(1)}`,
    title: 'Việt Nam – Peru: bản tóm tắt tổng hợp',
    occasion: 'Tuần lễ Cấp cao APEC',
    date: '2024-11-14',
    audience: 'Lãnh đạo Bộ',
    marking: 'Nội bộ',
    templateId: 'background-brief',
    sections,
    createdAt: '2024-11-10T08:00:00.000Z',
    updatedAt: '2024-11-10T08:00:00.000Z',
  }
  return { brief, orphans }
}

