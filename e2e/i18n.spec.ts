import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows, screenshot } from './harness'

let app: LaunchedApp | undefined
test.afterEach(async () => app?.close())

test('the language switch relabels the UI and persists across launches', async () => {
  app = await launchApp()
  let page = app.page
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible()
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click()

  await expect(page.getByRole('heading', { name: 'Thư viện' })).toBeVisible()
  await expect(page.getByText('4 bài viết')).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Đánh dấu' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await libraryRows(page).first().click()
  await expect(page.locator('article')).toContainText('12 tháng 11 năm 2024')
  await screenshot(page, 'reader-vietnamese')

  const dataDir = app.dataDir
  await app.close()
  app = await launchApp({ dataDir })
  page = app.page
  await expect(page.getByRole('heading', { name: 'Thư viện' })).toBeVisible()
  await page.getByRole('radio', { name: 'English' }).click()
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible()
})

test('a Vietnamese system starts in Vietnamese', async () => {
  app = await launchApp({ locale: 'vi-VN' })
  await expect(app.page.getByRole('heading', { name: 'Thư viện' })).toBeVisible()
  await expect(app.page.getByRole('radio', { name: 'Tiếng Việt' })).toHaveAttribute('aria-checked', 'true')
})

test('Vietnamese labels in the Briefs view stay on one line each', async () => {
  app = await launchApp({ locale: 'vi' })
  const page = app.page
  await page.locator('#view-tab-briefs').click()
  await expect(page.getByRole('button', { name: 'Phạm vi lưu hành…' })).toBeVisible()
  // A label's lines are the distinct tops of its text's layout boxes.
  const wrapped = await page.locator('button').evaluateAll((buttons) =>
    buttons
      .filter((button) => button.checkVisibility() && (button.textContent ?? '').trim() !== '')
      .filter((button) => {
        const range = document.createRange()
        range.selectNodeContents(button)
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1
      })
      .map((button) => button.textContent?.trim()),
  )
  expect(wrapped).toEqual([])
  await screenshot(page, 'briefs-vietnamese')
})
