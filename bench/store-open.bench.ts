import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { COLUMNS_FILE } from '../src/node/store/index-columns-file'
import { LIBRARY_FILE } from '../src/node/store/library-files'
import { generateLibraryFiles } from './library-generator'
import { printTable, type Row } from './table'

/**
 * Opening a library until its list is ready (issue 20), at 10,000 and 100,000 articles
 * (`BENCH_SCALE=100000`; BENCH_QUICK: 1,000), each open in a fresh process (store-open-child.ts):
 * - the previous layout (`library.json` parsed and validated whole), read-only;
 * - the migration a writable open of that layout runs once (writing `library.cols`);
 * - today's layout (the checkpoint decoded from its columns), read-only and for changes.
 * The library is made by the bench's generator straight in the previous layout (600-byte bodies).
 */
const ROOT = join(import.meta.dirname, '..')

interface Opened {
  count: number
  cpuMs: number
  wallMs: number
  rssMb: number
  migrationMs: number | null
}

function openInChild(dir: string, mode: 'read' | 'write'): Opened {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'store-open-child.ts'), dir, mode], { cwd: ROOT })
  return JSON.parse(output.toString('utf8')) as Opened
}

export async function benchStoreOpen(quick: boolean): Promise<void> {
  const scale = Number(process.env['BENCH_SCALE'] ?? '')
  const sizes = quick ? [1_000] : scale === 10_000 ? [10_000] : [10_000, Number.isInteger(scale) && scale > 10_000 ? scale : 100_000]
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-store-open-'))
    try {
      const generatedMs = await generateLibraryFiles(dir, { count: size, bodyBytes: 600 })
      const jsonMb = (await stat(join(dir, LIBRARY_FILE))).size / 2 ** 20
      const before = openInChild(dir, 'read')
      const migration = openInChild(dir, 'write')
      const columnsMb = (await stat(join(dir, COLUMNS_FILE))).size / 2 ** 20
      const readOnly = openInChild(dir, 'read')
      const writable = openInChild(dir, 'write')
      const label = size.toLocaleString('en-US')
      const goal = size >= 100_000 ? '≤ 1,000' : '≤ 300'
      const row = (benchmark: string, opened: Opened, goalText = ''): Row => ({
        benchmark,
        'CPU ms': opened.cpuMs,
        'wall ms': opened.wallMs,
        'RSS MB': opened.rssMb,
        goal: goalText,
      })
      const rows: Row[] = [
        row(`previous layout: open → list ready, read-only (library.json ${jsonMb.toFixed(0)} MB)`, before),
        row('previous layout: first writable open, migration included', migration),
        { benchmark: '  the migration alone (library.cols written), wall ms', 'CPU ms': '', 'wall ms': migration.migrationMs ?? 'n/a', 'RSS MB': '', goal: size === 10_000 ? '≤ 30,000' : '' },
        row(`columns: open → list ready, read-only (library.cols ${columnsMb.toFixed(0)} MB)`, readOnly, goal),
        row('columns: open → list ready, for changes (the app)', writable, goal),
      ]
      printTable(
        `Store open, ${label} articles (generated in ${(generatedMs / 1000).toFixed(0)} s; load average ${loadavg().map((value) => value.toFixed(1)).join(' ')})`,
        rows,
      )
      if (before.count !== size || readOnly.count !== size || writable.count !== size) throw new Error(`expected ${size} articles listed`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
