import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BriefingService } from '../src/node/service'
import { syntheticArticle } from './corpus'
import { syntheticPage } from './import.bench'

/**
 * For profiling, not a benchmark table: imports a folder of generated files into a fresh temp
 * library through the service's batch job (as the app and the CLI do), once. With `in-process`,
 * files are parsed on the main thread; otherwise in the parse workers, started before the clock
 * (each thread writes its own profile).
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-import.ts html 1000 [in-process]
 */
const kind = process.argv[2] === 'txt' ? 'txt' : 'html'
const count = Number(process.argv[3] ?? 1000)
const inProcess = process.argv[4] === 'in-process'
const files = await mkdtemp(join(tmpdir(), `profile-import-files-`))
const library = await mkdtemp(join(tmpdir(), `profile-import-library-`))
try {
  for (let i = 0; i < count; i++) {
    await writeFile(join(files, `${String(i).padStart(5, '0')}.${kind}`), kind === 'txt' ? syntheticArticle(i) : syntheticPage(i))
  }
  const service = await BriefingService.open({
    libraryDir: library,
    shell: 'browser',
    version: 'profile',
    systemLocale: 'en',
    ...(inProcess ? { parseWorker: 'in-process' as const } : {}),
  })
  try {
    if (!inProcess) await service.startParseWorkers()
    const start = performance.now()
    const status = await service.importPaths([files])
    const seconds = (performance.now() - start) / 1000
    console.log(`${kind}${inProcess ? '' : ', parse workers'}: ${status.report.added.length} added of ${count} in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} files/s`)
  } finally {
    await service.close()
  }
} finally {
  await rm(files, { recursive: true, force: true })
  await rm(library, { recursive: true, force: true })
}
