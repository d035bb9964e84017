import { expect, test } from '@playwright/test'
import { LibraryStore } from '../src/node/store/library-store'
import { ANNOTATION_IDS, QUOTES, seedLibrary } from '../test/briefs/seed'
import { launchApp, newDataDir, type LaunchedApp } from './harness'

let app: LaunchedApp
test.afterEach(async () => app?.close())

/** A note with Markdown (bold, a list) and HTML that must never run. */
const NOTE = 'Cơ hội cho **Viettel/Bitel**:\n\n- cáp quang\n- trường học\n\n<img src="x" onerror="window.pwned = 1">'

test('the brief editor’s passage card shows the note as sanitised Markdown and the date in the interface’s language', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  const { trade } = await seedLibrary(dataDir)
  const store = await LibraryStore.open(dataDir)
  await store.setAnnotations(trade.id, (await store.getAnnotations(trade.id)).map((annotation) => (annotation.id === ANNOTATION_IDS.total ? { ...annotation, note: NOTE } : annotation)))
  await store.close()
  app = await launchApp({ dataDir })
  const { page } = app

  await page.locator('#view-tab-themes').click()
  await page.getByRole('treeitem', { name: /^Trade/ }).click()
  await page.getByRole('button', { name: 'Brief from this theme' }).click()

  const card = page.getByTestId('passage').filter({ hasText: QUOTES.total })
  const note = card.getByTestId('passage-note')
  // Before: the note's Markdown was printed as typed, asterisks and all.
  await expect(note.locator('strong')).toHaveText('Viettel/Bitel')
  await expect(note.locator('li')).toHaveText(['cáp quang', 'trường học'])
  await expect(note).not.toContainText('**')
  // DOMPurify keeps the image and strips its handler (the shared sanitiser's policy).
  await expect(note.locator('[onerror]')).toHaveCount(0)
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()

  // Before: "2023-04-24"; now the date as the rest of the interface writes it.
  const source = card.locator('.source')
  await expect(source).toContainText('24 April 2023')
  await expect(source).not.toContainText('2023-04-24')

  await page.locator('#view-tab-library').click()
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click()
  await page.locator('#view-tab-briefs').click()
  await expect(source).toContainText('24 tháng 4 năm 2023')
  await expect(source).not.toContainText('April')
})
