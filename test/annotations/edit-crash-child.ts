/**
 * A writer process for the crash test of editArticleText: opens the library in DIR and edits the
 * consultations article back and forth between two texts, forever, printing "ack <revision>" after
 * each edit resolved (that is, after it is durable), until it is killed.
 */
import { bodyText } from '../../src/common/model/article'
import { BriefingService } from '../../src/node/service'
import { CONSULTATIONS } from './sample-ids'

const dir = process.argv[2]
if (dir === undefined) throw new Error('usage: edit-crash-child DIR')
const service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: 'test', systemLocale: 'en' })
const original = bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)
// The other text drops the South China Sea paragraph (its highlight becomes an orphan) and adds one before everything.
const shorter = `Bản tin.\n\n${original
  .split('\n\n')
  .filter((block) => !block.includes('Biển Đông'))
  .join('\n\n')}`
process.stdout.write('ready\n')
for (let i = 0; ; i++) {
  const { article } = await service.editArticleText({ id: CONSULTATIONS, text: i % 2 === 0 ? shorter : original })
  process.stdout.write(`ack ${article.revision}\n`)
}
