import { expect, test } from '@playwright/test'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'
import { HIGHLIGHTS, seededLibrary } from '../test/themes/library'

let app: LaunchedApp
test.afterEach(async () => app?.close())

test('typing without accents finds accented text, with the hits marked in the right place', async () => {
  app = await launchApp()
  const { page } = app
  await page.keyboard.press('Control+k')
  const box = page.getByRole('combobox', { name: 'Search the library' })
  await expect(box).toBeFocused()
  await box.fill('viet nam peru ') // a space after the last word: no prefix matches
  const results = page.getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('option').first()).toBeVisible()
  const marks = await results.locator('mark').allTextContents()
  expect(marks.length).toBeGreaterThan(3)
  // Every mark covers exactly one of the typed words, in whatever accents the text has.
  for (const mark of marks) expect(['viet', 'nam', 'peru']).toContain(mark.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())
  expect(marks.map((mark) => mark.toLowerCase())).toContain('việt')
  await screenshot(page, 'search-results-light')
  // Escape clears the box and brings the library list back.
  await box.press('Escape')
  await expect(box).toHaveValue('')
  await expect(page.getByRole('listbox', { name: 'Articles in the library' })).toBeVisible()
})

/** Opens the sample library and searches it, waiting until the first hit shows `expected`. */
async function searchSampleLibrary(query: string, expected: string) {
  app = await launchApp()
  const { page } = app
  const box = page.getByRole('combobox', { name: 'Search the library' })
  await box.fill(query)
  const hits = page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
  await expect(hits.first()).toContainText(expected)
  return { page, box, hits }
}

test('Up/Down/Enter open the article at the hit', async () => {
  const { page, box, hits } = await searchSampleLibrary('"cap quang"', 'cáp quang')
  await box.press('ArrowDown')
  await expect(hits.first()).toHaveAttribute('aria-selected', 'true')
  await box.press('Enter')
  await expect(page.locator('article h1')).toHaveText('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD')
  const focused = page.locator('article [data-focused="true"]')
  await expect(focused).toContainText('mạng cáp quang lớn nhất')
  await expect(focused).toBeInViewport()
})

test('a filter error shows inline under the box, and a query with no match says so', async () => {
  app = await launchApp({ locale: 'vi' })
  const { page } = app
  const box = page.getByRole('combobox', { name: 'Tìm trong thư viện' })
  await box.fill('apec lang:xx')
  await expect(page.getByRole('alert')).toHaveText('“xx” không phải là mã ngôn ngữ hợp lệ; hãy dùng một trong vi, en, es, und.')
  await expect(box).toHaveAttribute('aria-invalid', 'true')
  await screenshot(page, 'search-error-vi')
  await box.fill('zzzqqq')
  await expect(page.getByText('Không có kết quả')).toBeVisible()
  await page.getByRole('button', { name: 'Cú pháp tìm kiếm' }).click()
  await expect(page.getByRole('dialog', { name: 'Cú pháp tìm kiếm' })).toContainText('thẻ:"Kinh tế"')
  await screenshot(page, 'search-help-vi')
})

test('highlights and their themes are searched too, and a hit in a highlight opens the article there', async () => {
  const dataDir = await seededLibrary(HIGHLIGHTS, await newDataDir())
  app = await launchApp({ dataDir, colorScheme: 'dark' })
  const { page } = app
  const box = page.getByRole('combobox', { name: 'Search the library' })
  await box.fill('tag:cptpp thanh vien')
  const hits = page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
  await expect(hits.filter({ hasText: 'Highlight' }).first()).toContainText('Hai nước cùng là thành viên CPTPP')
  await screenshot(page, 'search-results-dark')
  await hits.filter({ hasText: 'Highlight' }).first().click()
  await expect(page.locator('article [data-focused="true"]')).toContainText('Hai nước cùng là thành viên CPTPP')
})

test('a query and its results are still there after a visit to another view', async () => {
  const { page, box, hits } = await searchSampleLibrary('"cap quang"', 'cáp quang')
  await page.locator('#view-tab-themes').click()
  await expect(box).toBeHidden()
  await page.locator('#view-tab-library').click()
  await expect(box).toHaveValue('"cap quang"')
  await expect(hits.first()).toContainText('cáp quang')
})

test('words typed without accents that stand together come first; an article with them apart comes after, marked', async () => {
  for (const [locale, label, apartMark] of [
    ['en', 'Search the library', 'words apart'],
    ['vi', 'Tìm trong thư viện', 'các từ đứng rời'],
  ] as const) {
    app = await launchApp({ locale })
    const { page } = app
    await page.getByRole('combobox', { name: label }).fill('vien thong ')
    const articles = page.locator('#search-results > li')
    // The APEC sample has "thành viên" and "thông qua", never "viễn thông".
    const apart = articles.filter({ hasText: 'Từ APEC 2024 tại Lima' })
    await expect(apart.locator('.scattered')).toHaveText(apartMark)
    await expect(articles.last()).toContainText('Từ APEC 2024 tại Lima')
    const count = await articles.count()
    expect(count).toBeGreaterThan(1)
    for (let i = 0; i < count - 1; i++) {
      const article = articles.nth(i)
      await expect(article.locator('.scattered')).toHaveCount(0)
      // Its first snippet shows the two syllables side by side.
      await expect(article.getByRole('option').first()).toContainText(/viễn thông/i)
    }
    await screenshot(page, `search-words-apart-${locale}`)
    await app.close()
  }
})
