import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The folder that holds the app's data/ (templates) and resources/ (fonts). Found by walking up
 * from this module, because it runs from several places: src/node under tsx (CLI, tests) and the
 * bundled out/main in Electron (two levels under the app root, inside the asar archive).
 */
let cached: string | null = null

export function appRoot(): string {
  if (cached !== null) return cached
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'data', 'templates')) && existsSync(join(dir, 'resources', 'fonts'))) return (cached = dir)
    if (dirname(dir) === dir) throw new Error(`data/templates and resources/fonts were not found above ${import.meta.dirname}`)
  }
}
