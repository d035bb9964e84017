import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Generated libraries kept between bench runs: generating 100,000 articles takes minutes, and a
 * bench that opens them (store-open, ui-scale) changes them (migrations, caches). With
 * `BENCH_LIBRARY_CACHE=<folder>`, the first run keeps what it generated under `<folder>/<key>`
 * and every run works on a copy of it made of hard links (`cp -al`, seconds): the store writes
 * every file by writing a temp file and renaming it over, and appends only to the log, which an
 * open that changes nothing leaves alone, so the kept files are never changed through their
 * links. Without the variable, the library is generated into `dir` as before.
 */
export async function cachedLibrary(dir: string, key: string, generate: (into: string) => Promise<void>): Promise<'generated' | 'reused'> {
  const cache = process.env['BENCH_LIBRARY_CACHE']
  if (cache === undefined || cache === '') {
    await generate(dir)
    return 'generated'
  }
  const kept = join(cache, key)
  const complete = join(cache, `${key}.complete`)
  const made = !existsSync(complete)
  if (made) {
    await rm(kept, { recursive: true, force: true })
    await mkdir(kept, { recursive: true })
    await generate(kept)
    await writeFile(complete, '')
  }
  // `dir` exists (a fresh temp folder): its contents become the kept library's links.
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty`)
  execFileSync('cp', ['-al', `${kept}/.`, dir])
  return made ? 'generated' : 'reused'
}
