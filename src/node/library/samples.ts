import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../common/errors'
import type { Article } from '../../common/model/article'
import { reasonOf } from '../store/durable-json-file'
import type { LibraryStore } from '../store/library-store'
import { buildArticle } from './build-article'

/**
 * Adds the sample articles shipped in data/samples that the library does not hold yet: on the
 * desktop's first launch (new-library.ts), or when the user asks ("Add sample articles",
 * `samples add`). Files are read in name order. Returns the ids added.
 */
export async function addSampleArticles(store: LibraryStore, samplesDir: string | undefined, now: Date): Promise<string[]> {
  if (samplesDir === undefined) throw new AppError('samples.unavailable')
  let names: string[]
  try {
    names = (await readdir(samplesDir)).filter((name) => name.endsWith('.txt')).sort()
  } catch (error) {
    throw new AppError('samples.unreadable', { file: samplesDir, reason: reasonOf(error) }, { cause: error })
  }
  const articles: Article[] = []
  for (const name of names) {
    const file = join(samplesDir, name)
    let raw: string
    try {
      raw = await readFile(file, 'utf8')
    } catch (error) {
      throw new AppError('samples.unreadable', { file, reason: reasonOf(error) }, { cause: error })
    }
    const article = buildArticle(raw, { origin: { kind: 'sample', name }, importedAt: now })
    if (article !== null) articles.push(article)
  }
  // Which samples the library lacks is decided inside the write queue, so two requests at once
  // (a double click, or the menu and the button at once) cannot both add one.
  return store.update({}, (current) => {
    const missing = articles.filter((article) => current.summary(article.id) === undefined)
    return { writes: missing.length > 0 ? { articles: missing } : {}, value: missing.map((article) => article.id) }
  })
}
