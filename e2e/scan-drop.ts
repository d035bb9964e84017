import { expect, type Page } from '@playwright/test'
import { png, renderPage, sampleParagraphs, VIETNAMESE_SAMPLE } from '../bench/scan-fixtures'
import { libraryRows } from './harness'

/**
 * Drops a scanned Vietnamese page (three paragraphs of the sample, as a PNG) on the window, as a
 * file dragged from the desktop, and closes the import summary once it says the article was
 * added. Recognition is real tesseract: `timeout` gives it room on loaded cores.
 */
export async function dropVietnameseScan(page: Page, timeout: number): Promise<void> {
  const base64 = png(renderPage(sampleParagraphs(VIETNAMESE_SAMPLE, 3))).toString('base64')
  await page.evaluate(
    ({ base64 }) => {
      const data = new DataTransfer()
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'scan.png', { type: 'image/png' }))
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    },
    { base64 },
  )
  const summary = page.getByRole('dialog', { name: 'Import finished' })
  await expect(summary).toContainText('1 article added', { timeout })
  await summary.getByRole('button', { name: 'Close' }).click()
}

/**
 * Opens the one article of the list that was not there before (its title is proposed from
 * recognised text, which varies with the model); returns that row's text.
 */
export async function openNewArticle(page: Page, before: readonly string[]): Promise<string> {
  const after = await libraryRows(page).allInnerTexts()
  const index = after.findIndex((text) => !before.includes(text))
  expect(index).toBeGreaterThanOrEqual(0)
  await libraryRows(page).nth(index).click()
  return after[index]!
}
