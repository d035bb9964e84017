import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { bodyText } from '../src/common/model/article'
import { BriefingService } from '../src/node/service'
import { LibraryStore } from '../src/node/store/library-store'
import { dossierArticle } from './dossier-library.bench'

/** Developer tool: CPU profiles of the dossier's slow paths (reopen, edit, hide). Not part of `npm run bench`. */
const size = Number(process.env['SIZE'] ?? 10000)
const out = process.env['OUT'] ?? '.'
const session = new Session()
session.connect()
await session.post('Profiler.enable')
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  await session.post('Profiler.start')
  const start = performance.now()
  const value = await run()
  console.log(name, (performance.now() - start).toFixed(0), 'ms')
  const { profile } = await session.post('Profiler.stop')
  await writeFile(join(out, `${name}.cpuprofile`), JSON.stringify(profile))
  return value
}
const open = (dir: string) => BriefingService.open({ libraryDir: dir, shell: 'browser', version: 'bench', systemLocale: 'en', searchWorker: 'in-process', parseWorker: 'in-process' })
const dir = process.env['DIR'] ?? (await mkdtemp(join(tmpdir(), 'dossier-profile-')))
if (process.env['DIR'] === undefined) {
  const setup = await LibraryStore.open(dir)
  for (let start = 0; start < size; start += 500) await setup.addArticles(Array.from({ length: Math.min(500, size - start) }, (_, k) => dossierArticle(start + k)))
  await setup.close()
  const service = await open(dir)
  let t = performance.now()
  await service.dossierPeople()
  console.log('cold', (performance.now() - t).toFixed(0))
  t = performance.now()
  await service.close()
  console.log('close', (performance.now() - t).toFixed(0))
}
console.log('dir', dir)
const service = await open(dir)
await profiled('reopen-people', () => service.dossierPeople())
await profiled('reopen-timeline', () => service.dossierTimeline({ limit: 200 }))
await profiled('first-detail', async () => service.dossierPerson({ key: (await service.dossierPeople()).people[0]!.key }))
await profiled('warm-people', () => service.dossierPeople())
await profiled('warm-timeline', () => service.dossierTimeline({ limit: 200 }))
const article = dossierArticle(7)
await service.editArticleText({ id: article.id, text: `${bodyText(article.blocks)}\n\nThứ trưởng Ngoại giao Đỗ Hùng Việt dự lễ ký ngày 5/1 (${Date.now()}).` })
await profiled('edit-people', () => service.dossierPeople())
await service.editArticleText({ id: article.id, text: `${bodyText(article.blocks)}\n\nBộ trưởng Lê Minh Khánh thăm Lima ngày 9/1 (${Date.now()}).` })
await profiled('edit-timeline', () => service.dossierTimeline({ limit: 200 }))
const top = (await service.dossierPeople()).people[0]!.key
await profiled('hide', () => service.decidePerson({ kind: 'hide', key: top }))
await profiled('after-hide', () => service.dossierPeople())
await service.decidePerson({ kind: 'unhide', key: top })
await service.close()
if (process.env['KEEP'] === undefined) await rm(dir, { recursive: true, force: true })
