import { parentPort } from 'node:worker_threads'
import { toColumns, transferablesOf } from './theme-index-columns'
import { readThemeIndex } from './theme-index-file'

/**
 * The theme index's reading worker (theme-index-reader.ts): reads and checks the cache files
 * (theme-index-file.ts) off the main thread. One message in (the library folder), one out: the
 * references in columns, or null when the files are missing or damaged, or the reason it failed.
 */
parentPort!.on('message', ({ dir }: { dir: string }) => {
  readThemeIndex(dir).then(
    (index) => {
      if (index === null) parentPort!.postMessage({ columns: null })
      else {
        const columns = toColumns(index)
        parentPort!.postMessage({ columns }, transferablesOf(columns))
      }
    },
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  )
})
