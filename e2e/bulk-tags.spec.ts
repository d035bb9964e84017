import { expect, test, type Page } from '@playwright/test'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'
import { HIGHLIGHTS, seededLibrary } from '../test/themes/library'

/** Bulk tagging in the annotations side panel (issue 6). */

let app: LaunchedApp
test.afterEach(async () => app?.close())

const TRADE = /Thương mại hai chiều Việt Nam-Peru/
const cards = (page: Page) => page.locator('aside [data-annotation-id]')
const tagsOf = (page: Page, index: number) => cards(page).nth(index).getByRole('listitem')

async function openTrade(page: Page): Promise<void> {
  await page.getByRole('option', { name: TRADE }).click()
  await expect(cards(page)).toHaveCount(3)
}

test('select three cards with the keyboard and Shift+click, add a tag to all, then Ctrl+Z takes it off all three', async () => {
  app = await launchApp({ dataDir: await seededLibrary(HIGHLIGHTS, await newDataDir()) })
  const { page } = app
  await openTrade(page)
  await page.getByRole('button', { name: 'Select' }).click()
  const boxes = page.getByRole('checkbox', { name: /^Select: / })
  await expect(boxes).toHaveCount(3)
  await boxes.nth(0).focus()
  await page.keyboard.press('Space')
  await boxes.nth(2).click({ modifiers: ['Shift'] })
  const bar = page.getByRole('group', { name: 'Selected highlights' })
  await expect(bar.getByRole('status')).toHaveText('3 selected')
  for (const index of [0, 1, 2]) await expect(boxes.nth(index)).toBeChecked()

  await bar.getByRole('button', { name: 'Add tag…' }).click()
  const input = bar.getByRole('combobox', { name: 'Add a tag' })
  await expect(input).toBeFocused()
  await input.fill('Năng lượng')
  await expect(bar.getByRole('option', { name: 'Create the tag “Năng lượng”' })).toBeVisible()
  await screenshot(page, 'bulk-tags-add-light')
  await input.press('Enter')
  await expect(page.locator('.toast').filter({ hasText: 'Added “Năng lượng” to 3 highlights.' })).toBeVisible()
  for (const index of [0, 1, 2]) await expect(tagsOf(page, index)).toContainText(['Năng lượng'])
  await expect(bar.getByRole('button', { name: 'Add tag…' })).toBeFocused()
  await screenshot(page, 'bulk-tags-done-light')

  // One step of undo takes the tag off all three (and the new tag out of the library).
  await boxes.nth(1).focus()
  await page.keyboard.press('Control+z')
  for (const index of [0, 1, 2]) await expect(tagsOf(page, index)).not.toContainText(['Năng lượng'])
  await expect(page.getByRole('combobox', { name: 'Show one tag' }).getByRole('option', { name: 'Năng lượng' })).toHaveCount(0)
  // The selection stays for the next change; Escape ends it.
  await expect(bar.getByRole('status')).toHaveText('3 selected')
  await page.keyboard.press('Escape')
  await expect(bar).toBeHidden()
  await expect(boxes).toHaveCount(0)
})

test('Ctrl+A selects the cards the filter shows; Remove tag offers the selection’s tags (Vietnamese, dark)', async () => {
  app = await launchApp({ dataDir: await seededLibrary(HIGHLIGHTS, await newDataDir()), locale: 'vi', colorScheme: 'dark' })
  const { page } = app
  await openTrade(page)
  await page.getByRole('combobox', { name: 'Chỉ hiện một thẻ' }).selectOption({ label: 'Hiệp định CPTPP' })
  await expect(cards(page)).toHaveCount(1)
  await cards(page).first().getByRole('button').focus()
  await page.keyboard.press('Control+a')
  const bar = page.getByRole('group', { name: 'Các đánh dấu đã chọn' })
  await expect(bar.getByRole('status')).toHaveText('Đã chọn 1')
  await page.getByRole('button', { name: 'Hiện tất cả' }).click()
  await expect(cards(page)).toHaveCount(3)
  await expect(bar.getByRole('status')).toHaveText('Đã chọn 1')
  await page.getByRole('checkbox').first().focus()
  await page.keyboard.press('Control+a')
  await expect(bar.getByRole('status')).toHaveText('Đã chọn 3')

  await bar.getByRole('button', { name: 'Bỏ thẻ…' }).click()
  const present = bar.getByRole('list', { name: 'Các thẻ của những đánh dấu đã chọn' }).getByRole('button')
  await expect(present).toHaveCount(4)
  await screenshot(page, 'bulk-tags-remove-dark-vi')
  await present.filter({ hasText: 'Thương mại' }).click()
  await expect(page.locator('.toast').filter({ hasText: 'Đã bỏ “Thương mại” khỏi 3 đánh dấu.' })).toBeVisible()
  for (const index of [0, 1, 2]) await expect(tagsOf(page, index)).not.toContainText(['Thương mại'])
  // The toast's Undo puts it back.
  await page.locator('.toast').filter({ hasText: 'Đã bỏ' }).getByRole('button', { name: 'Hoàn tác' }).click()
  await expect(tagsOf(page, 1)).toContainText(['Thương mại'])
})

test('in the Themes view, passages of two articles take a new tag at once, and Undo takes it back', async () => {
  const more = [...HIGHLIGHTS, { article: 'APEC 2024', quote: 'Hiệp định CPTPP mở ra cơ hội giảm thuế', tags: ['CPTPP'] }]
  app = await launchApp({ dataDir: await seededLibrary(more, await newDataDir()) })
  const { page } = app
  await page.keyboard.press('Control+2')
  const tree = page.getByRole('tree', { name: 'Theme tree' })
  await tree.getByRole('treeitem', { name: /Economy/ }).click()
  const detail = page.getByRole('main', { name: 'The selected theme' })
  await expect(detail.locator('section[aria-labelledby^="theme-article-"]')).toHaveCount(2)
  await detail.getByRole('button', { name: 'Select' }).click()
  await detail.getByRole('checkbox').first().focus()
  await page.keyboard.press('Control+a')
  const bar = detail.getByRole('group', { name: 'Selected highlights' })
  await expect(bar.getByRole('status')).toHaveText('4 selected')
  await bar.getByRole('button', { name: 'Add tag…' }).click()
  await bar.getByRole('combobox', { name: 'Add a tag' }).fill('Hội nhập')
  await bar.getByRole('combobox', { name: 'Add a tag' }).press('Enter')
  await expect(page.getByRole('status').filter({ hasText: 'Added “Hội nhập” to 4 highlights.' })).toBeVisible()
  await expect(tree.getByRole('treeitem', { name: /Hội nhập/ })).toContainText('4')
  await screenshot(page, 'bulk-tags-themes-light')
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(tree.getByRole('treeitem', { name: /Hội nhập/ })).toHaveCount(0)
})
