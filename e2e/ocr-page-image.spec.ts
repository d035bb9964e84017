import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows, newDataDir, REVIEW_LOCALES, REVIEW_SIZES, screenshot } from './harness'
import { dropVietnameseScan, openNewArticle } from './scan-drop'

let app: LaunchedApp | undefined
test.afterEach(async () => app?.close())



/**
 * A scan dropped on the window is recognised, and its page image (kept with the article by the
 * store, served as bytes through the API) opens beside the text: toggled by a button, closed
 * with Escape, focus back on the button. Then the same library, reopened in each language and
 * appearance, is photographed at both window sizes with the page open.
 */
test('the page image of a recognised scan opens beside its text', async () => {
  test.setTimeout(600_000)
  const dataDir = await newDataDir()
  app = await launchApp({ dataDir })
  let page = app.page
  await expect(libraryRows(page)).toHaveCount(4)
  const before = await libraryRows(page).allInnerTexts()
  await dropVietnameseScan(page, 400_000)
  const title = await openNewArticle(page, before)
  await expect(page.locator('article')).toContainText('Lima')

  // Born-digital articles have no page image; this one has.
  const toggle = page.getByTestId('page-image-toggle')
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  const pane = page.getByTestId('page-image-pane')
  await expect(pane).toBeVisible()
  await expect(pane.getByTestId('page-image-position')).toHaveText('Page 1 (1 of 1)')
  const image = pane.getByTestId('page-image')
  await expect(image).toHaveAttribute('src', /^blob:/)
  await expect(image).toHaveAttribute('alt', /Scanned page 1 of/)
  // The image decoded: a real page, at the kept size (an A4 page's long side at 150 dpi), beside the text.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalHeight : 0))).toBe(1754)
  const textBox = (await page.locator('article').boundingBox())!
  const imageBox = (await image.boundingBox())!
  expect(imageBox.x).toBeGreaterThan(textBox.x + textBox.width - 1)
  // The API refuses what is not an article id (validated at the boundary), and answers null for a page the article has not.
  const refused = await page.evaluate(() => (window as unknown as { api: { articlePageImage: (input: unknown) => Promise<{ ok: boolean }> } }).api.articlePageImage({ id: '../library', page: 1 }))
  expect(refused.ok).toBe(false)

  // Zoom: the page grows past the pane's width (the sheet scrolls), by button and by key, and back.
  const fitted = imageBox.width
  await pane.getByTestId('page-image-zoom-in').click()
  await expect.poll(async () => (await image.boundingBox())!.width).toBeGreaterThan(fitted * 1.4)
  await page.keyboard.press('+')
  await expect.poll(async () => (await image.boundingBox())!.width).toBeGreaterThan(fitted * 1.9)
  await pane.getByTestId('page-image-zoom-out').click()
  await page.keyboard.press('-')
  await expect.poll(async () => Math.round((await image.boundingBox())!.width)).toBe(Math.round(fitted))
  await expect(pane.getByTestId('page-image-zoom-out')).toBeDisabled()

  // Keyboard: Escape in the pane closes it and gives the focus back to the button.
  // (Previous and Next are disabled on a one-page scan: the focus goes to Close.)
  await pane.getByRole('button', { name: 'Close page image' }).focus()
  await page.keyboard.press('Escape')
  await expect(pane).toBeHidden()
  await expect(toggle).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('page-image')).toBeVisible()
  await app.close()
  app = undefined

  // The same library in each language and appearance, the page open, at both window sizes.
  for (const [code, locale] of Object.entries(REVIEW_LOCALES)) {
    for (const appearance of ['light', 'dark'] as const) {
      app = await launchApp({ dataDir, samples: false, locale, colorScheme: appearance })
      page = app.page
      await expect(page.locator('html')).toHaveAttribute('data-appearance', appearance)
      await libraryRows(page).filter({ hasText: title.split('\n')[0]! }).first().click()
      await page.getByTestId('page-image-toggle').click()
      const shown = page.getByTestId('page-image')
      await expect.poll(() => shown.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0)
      for (const size of REVIEW_SIZES) {
        await page.setViewportSize(size)
        // Every control of the pane is whole and on top (nothing of the side panel covers it); in the
        // narrow window the library list has made room for the page.
        for (const control of await page.getByTestId('page-image-pane').getByRole('button').all()) {
          await expect.poll(() => control.evaluate((button) => {
            const box = button.getBoundingClientRect()
            return box.right <= window.innerWidth && document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('button') === button
          })).toBe(true)
        }
        if (size.width < 1280) await expect(libraryRows(page).first()).toBeHidden()
        else await expect(libraryRows(page).first()).toBeVisible()
        await screenshot(page, `look-${size.width}x${size.height}-${code}-${appearance}-reader-page-image`)
      }
      await app.close()
      app = undefined
    }
  }
})
