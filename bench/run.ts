import { benchAnchoring } from './anchoring.bench'
import { benchBrief } from './brief.bench'
import { benchBulkTag } from './bulk-tag.bench'
import { benchDossier } from './dossier.bench'
import { benchDossierLibrary } from './dossier-library.bench'
import { benchImport } from './import.bench'
import { benchIndexWrite } from './index-write.bench'
import { benchLibraryList } from './library-list.bench'
import { benchUiScale } from './ui-scale.bench'
import { benchOcr } from './ocr.bench'
import { benchReaderRender } from './reader-render.bench'
import { benchSearch } from './search.bench'
import { benchSearchQuality } from './search-quality.bench'
import { benchStore } from './store.bench'
import { benchStoreOpen } from './store-open.bench'
import { benchSanitize } from './sanitize.bench'
import { benchTeam } from './team.bench'

/**
 * `npm run bench`: every benchmark, printed as tables. Figures, not assertions: these machines are
 * shared and noisy, so targets are read from the tables and quoted in issue notes.
 * BENCH_QUICK=1 runs small sizes only (a smoke run). BENCH_ONLY=search,import runs some of them.
 */
const quick = process.env['BENCH_QUICK'] === '1'
const only = (process.env['BENCH_ONLY'] ?? '').split(',').filter((name) => name !== '')
const wanted = (name: string): boolean => only.length === 0 || only.includes(name)

console.log(`Briefing Desk benchmarks — Node ${process.version}, ${process.platform}/${process.arch}${quick ? ' (quick)' : ''}`)
if (wanted('store')) await benchStore(quick)
if (wanted('store-open')) await benchStoreOpen(quick)
if (wanted('import')) await benchImport(quick)
if (wanted('index-write')) await benchIndexWrite(quick)
if (wanted('anchoring')) await benchAnchoring()
if (wanted('search')) await benchSearch(quick)
if (wanted('search-quality')) benchSearchQuality()
if (wanted('brief')) await benchBrief()
if (wanted('reader')) await benchReaderRender(quick)
if (wanted('sanitize')) await benchSanitize(quick)
if (wanted('bulk-tag')) await benchBulkTag(quick)
if (wanted('team')) await benchTeam(quick)
if (wanted('ocr')) await benchOcr(quick)
if (wanted('dossier')) {
  benchDossier(quick)
  await benchDossierLibrary(quick)
}
if (wanted('library-list')) benchLibraryList(quick)
if (wanted('ui-scale')) await benchUiScale(quick)
