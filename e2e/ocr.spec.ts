import { expect, test } from '@playwright/test'
import { ENGLISH_SAMPLE, png, renderPage, sampleParagraphs } from '../bench/scan-fixtures'
import { launchApp, type LaunchedApp, libraryRows, screenshot } from './harness'
import { dropVietnameseScan, openNewArticle } from './scan-drop'

let app: LaunchedApp
test.afterEach(async () => app?.close())

/**
 * A scanned page dropped on the window is recognised (OCR worker, real tesseract) and opens in the
 * reader with the OCR badge, its confidence, and the words read with low confidence underlined.
 */
test('a dropped scan is recognised and shows the OCR badge and its unsure words', async () => {
  test.setTimeout(300_000)
  app = await launchApp()
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  const before = await libraryRows(page).allInnerTexts()
  await dropVietnameseScan(page, 240_000)
  await expect(libraryRows(page)).toHaveCount(5)
  await openNewArticle(page, before)
  await expect(page.locator('article')).toContainText('Lima')
  const badge = page.getByTestId('ocr-badge')
  await expect(badge).toHaveText(/OCR · \d+ %/)
  // The language was detected on the page (the default): Vietnamese.
  await expect(badge).toHaveAttribute('title', /\(Vietnamese;/)
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('ocr-low-confidence')?.size ?? 0)).toBeGreaterThan(0)
  await screenshot(page, 'reader-ocr-badge')
})

/**
 * An image pasted from the clipboard (no text with it) is imported by OCR, in the languages chosen
 * in the Import dialog: the choice crosses IPC with the image's bytes and reaches the OCR worker,
 * which reads the page with the English model only (the badge's details say so).
 */
test('a pasted image is recognised, in the language chosen in the Import dialog', async () => {
  test.setTimeout(300_000)
  app = await launchApp()
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  const before = await libraryRows(page).allInnerTexts()
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  const languages = dialog.getByLabel('Language of scans and images')
  await expect(languages).toHaveValue('auto')
  await languages.selectOption({ label: 'English' })
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()

  const base64 = png(renderPage(sampleParagraphs(ENGLISH_SAMPLE, 2))).toString('base64')
  await page.evaluate(
    ({ base64 }) => {
      const data = new DataTransfer()
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'image.png', { type: 'image/png' }))
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    },
    { base64 },
  )
  const summary = page.getByRole('dialog', { name: 'Import finished' })
  await expect(summary).toContainText('1 article added', { timeout: 240_000 })
  await summary.getByRole('button', { name: 'Close' }).click()
  await expect(libraryRows(page)).toHaveCount(5)
  await openNewArticle(page, before)
  const badge = page.getByTestId('ocr-badge')
  await expect(badge).toHaveText(/OCR · \d+ %/)
  await expect(badge).toHaveAttribute('title', /\(English;/)
  await expect(page.locator('article')).toContainText('schools')
})
