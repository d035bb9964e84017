import { expect, test, type Page } from '@playwright/test'
import { launchApp, screenshot, type LaunchedApp } from './harness'
import { selectInBlock } from './text-selection'

let app: LaunchedApp
test.afterEach(async () => app?.close())

const TRADE = /Thương mại hai chiều Việt Nam-Peru/

async function openTrade(page: Page): Promise<void> {
  await page.getByRole('option', { name: TRADE }).click()
  await expect(page.locator('main p[data-block="2"]')).toBeVisible()
}

/** The article's body as the service holds it: blocks one blank line apart. */
async function bodyOf(page: Page): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll('main [data-block]')].map((block) => block.textContent).join('\n\n'))
}

const findStatus = (page: Page) => page.getByRole('search').getByRole('status')
const matchCount = (page: Page) => page.evaluate(() => CSS.highlights.get('find-match')?.size ?? 0)

test('find in the article ignores diacritics and case, steps through matches and closes with Escape', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  const body = await bodyOf(page)
  const expected = body.match(/việt nam/gi)?.length ?? 0
  expect(expected).toBeGreaterThan(2)

  await page.locator('main p[data-block="0"]').click()
  await page.keyboard.press('Control+f')
  const field = page.getByRole('searchbox', { name: 'Find in the article' })
  await expect(field).toBeFocused()
  await field.fill('viet nam')
  await expect(findStatus(page)).toHaveText(`1 of ${expected}`)
  expect(await matchCount(page)).toBe(expected)
  await field.press('Enter')
  await expect(findStatus(page)).toHaveText(`2 of ${expected}`)
  await field.press('Shift+Enter')
  await field.press('Shift+Enter')
  await expect(findStatus(page)).toHaveText(`${expected} of ${expected}`)
  // The current match is the one marked as current, and it is on screen.
  const current = await page.evaluate(() => {
    const range = [...CSS.highlights.get('find-current')!][0] as Range
    const rect = range.getBoundingClientRect()
    return { text: range.toString(), visible: rect.top >= 0 && rect.bottom <= window.innerHeight }
  })
  expect(current.text.toLowerCase()).toBe('việt nam')
  expect(current.visible).toBe(true)
  await screenshot(page, 'reader-find')

  await field.fill('zzz không có')
  await expect(findStatus(page)).toHaveText('No matches')
  await field.press('Escape')
  await expect(page.getByRole('search')).toHaveCount(0)
  expect(await matchCount(page)).toBe(0)
})

test('find: "duong" finds "Đường" (đ folds to d)', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  // Give the article a paragraph with a capital Đ through the app's own edit mode.
  await page.getByRole('button', { name: 'Edit text' }).click()
  const editor = page.getByRole('textbox', { name: 'Article text' })
  await editor.fill(`${await editor.inputValue()}\n\nĐường bay thẳng Hà Nội - Lima đang được nghiên cứu.`)
  await page.getByRole('button', { name: 'Save text' }).click()
  await expect(page.locator('main [data-block]').last()).toHaveText('Đường bay thẳng Hà Nội - Lima đang được nghiên cứu.')

  await page.keyboard.press('Control+f')
  await page.getByRole('searchbox', { name: 'Find in the article' }).fill('duong bay')
  await expect(findStatus(page)).toHaveText('1 of 1')
  const found = await page.evaluate(() => ([...CSS.highlights.get('find-current')!][0] as Range).toString())
  expect(found).toBe('Đường bay')
})

test('text size: A+ / A− and Ctrl+= / Ctrl+−, kept after a reload and in a new browser profile (a library setting)', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  const size = () => page.locator('main p[data-block="2"]').evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
  const initial = await size()
  await page.getByRole('button', { name: 'Larger text (Ctrl+=)' }).click()
  expect(await size()).toBeGreaterThan(initial)
  await page.keyboard.press('Control+=')
  const larger = await size()
  expect(larger).toBeGreaterThan(initial + 2)
  await page.keyboard.press('Control+-')
  await page.getByRole('button', { name: 'Smaller text (Ctrl+−)' }).click()
  await page.getByRole('button', { name: 'Smaller text (Ctrl+−)' }).click()
  const smaller = await size()
  expect(smaller).toBeLessThan(initial)
  await page.reload()
  await openTrade(page)
  expect(await size()).toBe(smaller)

  // A new renderer profile (nothing in its storage) on the same library: the size is in settings.json.
  const dataDir = app.dataDir
  await app.close()
  app = await launchApp({ dataDir })
  await openTrade(app.page)
  const again = await app.page.locator('main p[data-block="2"]').evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
  expect(again).toBe(smaller)
  await app.page.keyboard.press('Control+0')
  await expect.poll(() => app.page.locator('main p[data-block="2"]').evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBe(initial)
})

test('edit text: a highlight moves with its text, one whose text is gone becomes an orphan listed with its quote', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  const toolbar = page.getByRole('toolbar', { name: 'Highlight the selection' })
  await selectInBlock(page, 3, 'giày dép', 'xi măng')
  await expect(toolbar).toBeVisible()
  await page.keyboard.press('2')
  await expect(page.locator('aside [data-annotation-id]')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await selectInBlock(page, 1, 'Tổng thống Dina Boluarte')
  await expect(toolbar).toBeVisible()
  await page.keyboard.press('4')
  await page.keyboard.press('Escape')
  await expect(page.locator('aside [data-annotation-id]')).toHaveCount(2)

  // Cancel discards.
  await page.getByRole('button', { name: 'Edit text' }).click()
  const editor = page.getByRole('textbox', { name: 'Article text' })
  await editor.fill('Nothing left.')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.locator('main mark')).toHaveCount(2)

  await page.getByRole('button', { name: 'Edit text' }).click()
  const text = await editor.inputValue()
  const edited = text
    .replace('Từ ngày 17', 'Trong tuần, từ ngày 17') // before both passages: the highlights move
    .replace('gặp Tổng thống Dina Boluarte cùng', 'gặp') // the pink passage is gone
  await editor.fill(edited)
  await screenshot(page, 'reader-edit-text')
  await page.getByRole('button', { name: 'Save text' }).click()
  await expect(page.getByText('Text saved: 1 highlight moved, 1 became an orphan.')).toBeVisible()

  await expect(page.locator('main mark')).toHaveCount(1)
  await expect(page.locator('main mark')).toHaveText('giày dép, clanke và xi măng')
  const orphans = page.getByRole('region', { name: 'Orphans (1)' })
  await expect(orphans).toContainText('Tổng thống Dina Boluarte')
  await screenshot(page, 'reader-orphans')
})
