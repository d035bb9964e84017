import { addSampleArticles } from '../../src/node/library/samples'
import { LibraryStore } from '../../src/node/store/library-store'
import type { Article } from '../../src/common/model/article'
import type { Brief } from '../../src/common/model/brief'
import { BriefingService } from '../../src/node/service'
import { annotationOn, tag } from '../brief/records'
import { SAMPLES_DIR, tempDir } from '../helpers'

/**
 * A library with the four samples, two themes (Trade, with a sub-theme CPTPP; Telecom) and
 * highlights on the trade article, written through the real store before anything opens it.
 * Shared by the service, CLI and end-to-end tests.
 */
export const TRADE = 'tg_00000000000000a1'
export const CPTPP = 'tg_00000000000000a2'
export const TELECOM = 'tg_00000000000000a3'

export const QUOTES = {
  total: 'kim ngạch thương mại hai chiều giữa Việt Nam và Peru đã đạt khoảng 600 triệu USD',
  quarter: 'Riêng quý I/2023, trao đổi hàng hóa đạt 146,8 triệu USD, tăng 2,5% so với cùng kỳ năm 2022.',
  cptpp: 'Hai nước cùng là thành viên CPTPP',
  bitel: 'Bitel',
} as const

export const ANNOTATION_IDS = { total: 'an_00000000000000b1', quarter: 'an_00000000000000b2', cptpp: 'an_00000000000000b3', orphan: 'an_00000000000000b4' } as const

export interface Seeded {
  readonly trade: Article
}

export async function seedLibrary(dir: string): Promise<Seeded> {
  const store = await LibraryStore.open(dir)
  try {
    await addSampleArticles(store, SAMPLES_DIR, new Date('2024-12-01T00:00:00Z'))
    await store.initialize()
    const summary = store.listArticles().find((article) => article.title.includes('600 triệu USD'))
    if (summary === undefined) throw new Error('the trade sample is missing')
    const trade = (await store.getArticle(summary.id))!
    await store.setTags([tag(TRADE, 'Trade', 'Thương mại'), tag(CPTPP, 'CPTPP', 'CPTPP', TRADE), tag(TELECOM, 'Telecom', 'Viễn thông')])
    await store.setAnnotations(trade.id, [
      // Stored out of document order on purpose: passages must come back in document order.
      annotationOn(trade, QUOTES.quarter, { id: ANNOTATION_IDS.quarter, tags: [TRADE] }),
      annotationOn(trade, QUOTES.total, { id: ANNOTATION_IDS.total, tags: [TRADE] }),
      annotationOn(trade, QUOTES.cptpp, { id: ANNOTATION_IDS.cptpp, tags: [CPTPP] }),
      annotationOn(trade, QUOTES.bitel, { id: ANNOTATION_IDS.orphan, tags: [TELECOM], status: 'orphan' }),
    ])
    return { trade }
  } finally {
    await store.close()
  }
}

/**
 * A service on a Vietnamese system over a newly seeded library, with a brief drafted from the Trade
 * and Telecom themes (one section each, in that order). The caller closes the service.
 */
export async function seededTradeAndTelecomBrief(title: string): Promise<{ service: BriefingService; created: Brief }> {
  const dir = await tempDir()
  await seedLibrary(dir)
  const service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: '9.9.9', systemLocale: 'vi-VN' })
  const created = await service.createBrief({ title, tagIds: [TRADE, TELECOM] })
  return { service, created }
}
