import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BriefingService } from '../src/node/service'
import { syntheticArticle } from './corpus'
import { cpuMs, syntheticPage } from './import.bench'
import { percentile, type Row } from './table'

/**
 * Import into the library: the same folders as the import benchmark, but through the service's
 * batch job as the app's Import dialog and the CLI run it, so each article is also checked for a
 * duplicate and saved durably (bodies, then the index, fsynced), in groups saved in the background
 * while the next files are parsed (import-sink.ts). The clock stops when the last group is on disk.
 * `parse`: on the main thread ('in-process'), or in the service's parse workers ('workers',
 * started before the clock starts, as an earlier import would have in the app).
 */
export async function benchLibraryImport(kind: 'txt' | 'html', count: number, parse: 'in-process' | 'workers'): Promise<Row> {
  const files = await mkdtemp(join(tmpdir(), `bench-import-files-${kind}-`))
  const library = await mkdtemp(join(tmpdir(), `bench-import-library-${kind}-`))
  try {
    for (let i = 0; i < count; i++) {
      await writeFile(join(files, `${String(i).padStart(5, '0')}.${kind}`), kind === 'txt' ? syntheticArticle(i) : syntheticPage(i))
    }
    const service = await BriefingService.open({
      libraryDir: library,
      shell: 'browser',
      version: 'bench',
      systemLocale: 'en',
      ...(parse === 'in-process' ? { parseWorker: 'in-process' as const } : {}),
    })
    try {
      if (parse === 'workers' && (await service.startParseWorkers()) === 0) throw new Error('no parse worker started')
      const perFile: number[] = []
      let last = performance.now()
      const start = last
      const cpu = process.cpuUsage()
      const status = await service.importPaths([files], () => {
        const now = performance.now()
        perFile.push(now - last)
        last = now
      })
      const seconds = (performance.now() - start) / 1000
      const cpuPerFile = cpuMs(cpu) / count
      if (status.report.added.length !== count) throw new Error(`added ${status.report.added.length} of ${count} ${kind} files`)
      return {
        benchmark: `import ${count.toLocaleString('en-US')} .${kind} files into the library${parse === 'workers' ? ', parse workers' : ''}`,
        'total s': seconds,
        'files/s': Math.round(count / seconds),
        'CPU ms/file': cpuPerFile,
        'p50 ms': percentile(perFile, 50),
        'p99 ms': percentile(perFile, 99),
      }
    } finally {
      await service.close()
    }
  } finally {
    await rm(files, { recursive: true, force: true })
    await rm(library, { recursive: true, force: true })
  }
}

