import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Article } from '../src/common/model/article'
import { buildArticle } from '../src/node/library/build-article'
import { pageImageBlob } from '../src/node/store/article-assets'
import { LibraryStore } from '../src/node/store/library-store'
import { launchApp, newDataDir, REVIEW_LOCALES, REVIEW_SIZES, screenshot, type LaunchedApp } from './harness'

let app: LaunchedApp | undefined
test.afterEach(async () => app?.close())

/**
 * A scanned article that came from the team without one of its page images (the fetch failed;
 * team/page-images.json names it, as team sync writes it): the reader's page pane says the image
 * has not been received from the team yet, and why, instead of reporting a lost asset.
 */
test('a page image not received from the team yet is named as such in the reader', async () => {
  test.setTimeout(300_000)
  const dataDir = await newDataDir()
  const store = await LibraryStore.open(dataDir)
  await store.initialize()
  const built = buildArticle('Hà Nội (TTXVN) - Biên bản cuộc họp nhóm công tác về hợp tác nghề cá.', { origin: { kind: 'file', name: 'scan.png' }, importedAt: new Date('2026-12-07T08:00:00Z') })!
  const blob = await pageImageBlob({ page: 1, type: 'image/png', width: 10, height: 10, bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) })
  const article: Article = { ...built, ocr: { languages: ['vie'], meanConfidence: 90, pages: [1], lowConfidence: [], pageImages: [blob.ref] } }
  // The article as team sync lands it when its image's fetch failed: the record, no asset.
  await store.update({}, () => ({ writes: { articles: [article] }, value: undefined }))
  await store.close()
  await mkdir(join(dataDir, 'team'), { recursive: true })
  await writeFile(join(dataDir, 'team', 'page-images.json'), JSON.stringify({ schemaVersion: 1, notReceived: { [blob.ref.asset]: { articles: [article.id], page: 1, reason: 'team.pageImage.failed', rev: null } }, notSent: {} }))

  app = await launchApp({ dataDir, samples: false })
  const page = app.page
  await page.getByTestId('library-list').getByRole('option').filter({ hasText: article.title }).click()
  await page.getByTestId('page-image-toggle').click()
  const note = page.getByTestId('page-image-not-received')
  await expect(note).toContainText('The image of page 1 has not been received from the team yet')
  await expect(note).toContainText('could not be fetched from the server')
  // The reason alone: the sentence says once that the image is asked for again.
  await expect(note).not.toContainText('fetched again at the next sync')
  await expect(page.getByTestId('page-image-pane')).not.toContainText('could not be read')
  await app.close()
  app = undefined

  // For review (BRIEFING_SCREENSHOTS=1): the note in each language and appearance, at both sizes.
  if (process.env['BRIEFING_SCREENSHOTS'] !== '1') return
  for (const [code, locale] of Object.entries(REVIEW_LOCALES)) {
    for (const appearance of ['light', 'dark'] as const) {
      app = await launchApp({ dataDir, samples: false, locale, colorScheme: appearance })
      await app.page.getByTestId('library-list').getByRole('option').filter({ hasText: article.title }).click()
      await app.page.getByTestId('page-image-toggle').click()
      await expect(app.page.getByTestId('page-image-not-received')).toBeVisible()
      for (const size of REVIEW_SIZES) {
        await app.page.setViewportSize(size)
        await screenshot(app.page, `look-${size.width}x${size.height}-${code}-${appearance}-page-not-received`)
      }
      await app.close()
      app = undefined
    }
  }
})
