import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Annotation } from '../src/common/model/annotation'
import type { Tag } from '../src/common/model/tag'
import { descendantIds } from '../src/common/themes/tag-tree'
import { SCHEMA_VERSION } from '../src/node/store/library-files'
import { LibraryStore } from '../src/node/store/library-store'
import { mapLimit } from '../src/node/store/map-limit'
import { readTaxonomyFile } from '../src/node/themes/read-taxonomy-file'
import { refsOf, type PassageRef } from '../src/node/themes/passage-refs'
import { countHighlights } from '../src/node/themes/theme-index'
import { writeThemeIndex } from '../src/node/themes/theme-index-file'
import { cachedLibrary } from './library-cache'
import { generatedArticle, generateLibraryFiles } from './library-generator'
import { syntheticAnnotation } from './store-data'

/** The theme every generated highlight sits under (on one of its sub-themes): its list holds them all. */
export const SCALE_THEME = 'Economy'

/**
 * A library of `articles` generated articles with `perArticle` highlights each, for the UI at
 * scale (bench/ui-scale.bench.ts, e2e/themes-scale.spec.ts): articles straight in the store's
 * format (library-generator.ts), then each article's highlights file, and its second copy, in the
 * store's format. Every highlight carries one sub-theme of Economy (Trade, CPTPP, Investment...),
 * so Economy lists every highlight and its sub-themes share them. With `themeIndex`, the theme
 * index's cache is written too, as the app leaves it after following the library (otherwise the
 * first open of the Themes view rebuilds it). Returns the highlights written.
 */
export async function generateHighlightedLibrary(dir: string, articles: number, perArticle: number, bodyBytes = 600, themeIndex = false): Promise<number> {
  // Kept between runs with BENCH_LIBRARY_CACHE (library-cache.ts): 100,000 articles take minutes.
  await cachedLibrary(dir, `highlighted-${articles}-${perArticle}-${bodyBytes}-${themeIndex ? 'index' : 'none'}`, (into) => writeHighlightedLibrary(into, articles, perArticle, bodyBytes, themeIndex))
  return articles * perArticle
}

async function writeHighlightedLibrary(dir: string, articles: number, perArticle: number, bodyBytes: number, themeIndex: boolean): Promise<void> {
  await generateLibraryFiles(dir, { count: articles, bodyBytes })
  // The starter taxonomy (data/taxonomy.json), written through the store as a new library gets it.
  const tags: Tag[] = await readTaxonomyFile(join(import.meta.dirname, '..', 'data', 'taxonomy.json'))
  const store = await LibraryStore.open(dir)
  let seq: number
  try {
    await store.setTags(tags)
    seq = store.changeSeq
  } finally {
    await store.close()
  }
  const economy = tags.find((tag) => tag.name === SCALE_THEME)
  if (economy === undefined) throw new Error(`the starter taxonomy has no ${SCALE_THEME}`)
  const under = [...descendantIds(tags, economy.id)].filter((id) => id !== economy.id)
  for (const folder of ['annotations', join('mirror', 'annotations')]) await mkdir(join(dir, folder), { recursive: true })
  const ids = Array.from({ length: articles }, (_, i) => i)
  const refs = new Map<string, PassageRef[]>()
  await mapLimit(ids, 16, async (i) => {
    const article = generatedArticle(i, bodyBytes)
    const annotations: Annotation[] = Array.from({ length: perArticle }, (_, k) => {
      const n = i * perArticle + k
      return { ...syntheticAnnotation(article.id, article.blocks[0]!.text, n), tagIds: [under[n % under.length]!] }
    })
    if (themeIndex) refs.set(article.id, refsOf(annotations))
    const bytes = `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, articleId: article.id, annotations }, null, 1)}\n`
    await writeFile(join(dir, 'annotations', `${article.id}.json`), bytes, { mode: 0o600 })
    await writeFile(join(dir, 'mirror', 'annotations', `${article.id}.json`), bytes, { mode: 0o600 })
  })
  if (themeIndex) {
    await writeThemeIndex(dir, seq, refs, countHighlights(tags, [...refs.values()].flat()))
  }
}
