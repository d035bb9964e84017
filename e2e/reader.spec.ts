import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows, screenshot } from './harness'

let app: LaunchedApp
test.afterEach(async () => app?.close())

test('opening an article shows its title, source, date, paragraphs and captions', async () => {
  app = await launchApp()
  const { page } = app
  await page.getByRole('option', { name: /Thương mại hai chiều Việt Nam-Peru/ }).click()

  const article = page.locator('article')
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD')
  await expect(article).toContainText('TTXVN/Vietnam+')
  await expect(article).toContainText('24 April 2023')
  await expect(article).toContainText('Vietnamese')
  await expect(article.locator('p[data-block]')).toHaveCount(7)
  await expect(article.locator('p[data-block="2"]')).toContainText('146,8 triệu USD, tăng 2,5%')
  // The photo caption is shown apart from the body; the alt text and related link are not in it.
  await expect(article.locator('figure figcaption')).toHaveText(
    'Đại sứ Phạm Thị Kim Hoa trao đổi với lãnh đạo Bộ Ngoại thương và Du lịch Peru. (Ảnh: TTXVN phát)',
  )
  await expect(article).not.toContainText('[Peru coi Việt Nam')
  await expect(article).not.toContainText('Tin cùng chuyên mục')
  await expect(page.getByTestId('library-list').getByRole('option', { selected: true })).toContainText('Thương mại hai chiều')
  await screenshot(page, 'reader-light')
})

test('the keyboard moves through the library and opens articles', async () => {
  app = await launchApp()
  const { page } = app
  await libraryRows(page).first().click()
  await expect(page.locator('article h1')).toContainText('Từ APEC 2024')
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('article h1')).toContainText('Tham vấn chính trị lần thứ 5')
  await expect(page.getByTestId('library-list').getByRole('option', { selected: true })).toBeFocused()
  await page.keyboard.press('End')
  await expect(page.locator('article h1')).toContainText('Thương mại hai chiều')
  await page.keyboard.press('Home')
  await expect(page.locator('article h1')).toContainText('Từ APEC 2024')
})

test('an empty library says so', async () => {
  app = await launchApp({ samples: false })
  const { page } = app
  await expect(page.getByText('Your library is empty')).toBeVisible()
  await expect(page.getByText('0 articles')).toBeVisible()
  await screenshot(page, 'library-empty')
})

test('an article whose file is damaged opens from its second copy', async () => {
  app = await launchApp()
  const { page } = app
  const damaged = libraryRows(page).nth(1)
  const id = await damaged.getAttribute('data-article-id')
  await writeFile(join(app.dataDir, 'articles', `${id}.json`), '{"schemaVersion": 1, "article": {"id": "trunc')
  await damaged.click()
  await expect(page.locator('article h1')).toContainText('Việt Nam và Peru tổ chức Tham vấn chính trị lần thứ 5 tại Lima')
  await expect(page.getByRole('alert').filter({ hasText: 'This article could not be opened' })).toHaveCount(0)
})

test('an article whose file and second copy are both damaged shows an error naming the file, and the rest still opens', async () => {
  app = await launchApp()
  const { page } = app
  const damaged = libraryRows(page).nth(1)
  const id = await damaged.getAttribute('data-article-id')
  await writeFile(join(app.dataDir, 'articles', `${id}.json`), '{"schemaVersion": 1, "article": {"id": "trunc')
  await writeFile(join(app.dataDir, 'mirror', 'articles', `${id}.json`), '')
  await damaged.click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('This article could not be opened')
  await expect(alert).toContainText('Việt Nam và Peru tổ chức Tham vấn chính trị lần thứ 5 tại Lima')
  await expect(alert).toContainText(`articles/${id}.json.corrupt-`)
  await screenshot(page, 'reader-error')
  await libraryRows(page).first().click()
  await expect(page.locator('article h1')).toContainText('Từ APEC 2024')
})

test('dark mode follows the system', async () => {
  app = await launchApp({ colorScheme: 'dark' })
  const { page } = app
  await libraryRows(page).nth(2).click()
  await expect(page.locator('article h1')).toBeVisible()
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('main')!).backgroundColor)
  expect(background).toBe('rgb(30, 33, 37)')
  await screenshot(page, 'reader-dark')
})
