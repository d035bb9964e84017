import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'
import { HIGHLIGHTS, seededLibrary } from '../test/themes/library'

let app: LaunchedApp
test.afterEach(async () => app?.close())

const MORE = [...HIGHLIGHTS, { article: 'APEC 2024', quote: 'Hiệp định CPTPP mở ra cơ hội giảm thuế', tags: ['CPTPP'] }]

test('the theme view lists a theme’s passages grouped by article, newest first; a passage opens the article there', async () => {
  const dataDir = await seededLibrary(MORE, await newDataDir())
  app = await launchApp({ dataDir })
  const { page } = app
  await page.getByRole('tab', { name: 'Themes' }).click()
  const tree = page.getByRole('tree', { name: 'Theme tree' })
  await expect(tree.getByRole('treeitem', { name: /CPTPP/ })).toContainText('2')
  await tree.getByRole('treeitem', { name: /Economy/ }).click()
  const detail = page.getByRole('main', { name: 'The selected theme' })
  const groups = detail.locator('section[aria-labelledby^="theme-article-"]')
  await expect(groups).toHaveCount(2)
  await expect(groups.nth(0).getByRole('heading')).toHaveText('Từ APEC 2024 tại Lima đến năm chủ nhà APEC 2027 của Việt Nam')
  await expect(groups.nth(1).getByRole('heading')).toHaveText('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD')
  // Passages in document order, each with its note.
  await expect(groups.nth(1).locator('.quote')).toHaveText([
    'Hai nước cùng là thành viên CPTPP',
    'kim ngạch thương mại hai chiều giữa Việt Nam và Peru đã đạt khoảng 600 triệu USD',
    'Bitel, thương hiệu của Viettel',
  ])
  await expect(groups.nth(1).locator('.note')).toHaveText(['Số liệu chính'])
  await screenshot(page, 'themes-light')
  await groups.nth(1).getByRole('button', { name: 'Bitel, thương hiệu của Viettel' }).click()
  await expect(page.locator('article h1')).toHaveText('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD')
  await expect(page.locator('article [data-focused="true"]')).toContainText('Bitel, thương hiệu của Viettel')
})

test('a theme with passages shows them after a theme without any, whichever was selected first', async () => {
  const dataDir = await seededLibrary(MORE, await newDataDir())
  app = await launchApp({ dataDir })
  const { page } = app
  await page.getByRole('tab', { name: 'Themes' }).click()
  const tree = page.getByRole('tree', { name: 'Theme tree' })
  const detail = page.getByRole('main', { name: 'The selected theme' })
  const quotes = detail.locator('section[aria-labelledby^="theme-article-"] .quote')
  // An empty theme first: the passage list is not on screen until a theme with passages is chosen.
  await tree.getByRole('treeitem', { name: /^Security/ }).click()
  await expect(detail.getByRole('heading', { name: 'Security' })).toBeVisible()
  await tree.getByRole('treeitem', { name: /Economy/ }).click()
  await expect(quotes.first()).toHaveText('Hiệp định CPTPP mở ra cơ hội giảm thuế')
  await expect(quotes.last()).toHaveText('Bitel, thương hiệu của Viettel')
  const count = await quotes.count()
  // And back through the empty theme again.
  await tree.getByRole('treeitem', { name: /^Security/ }).click()
  await expect(quotes).toHaveCount(0)
  await tree.getByRole('treeitem', { name: /Economy/ }).click()
  await expect(quotes).toHaveCount(count)
  await expect(quotes.first()).toHaveText('Hiệp định CPTPP mở ra cơ hội giảm thuế')
})

test('rename a theme, then undo; a duplicate name is refused with a clear message', async () => {
  const dataDir = await seededLibrary(MORE, await newDataDir())
  app = await launchApp({ dataDir, locale: 'vi', colorScheme: 'dark' })
  const { page } = app
  await page.keyboard.press('Control+2')
  const tree = page.getByRole('tree', { name: 'Cây chủ đề' })
  await tree.getByRole('treeitem', { name: /Thương mại/ }).click()
  await page.getByRole('toolbar').getByRole('button', { name: 'Đổi tên' }).click()
  await page.getByLabel('Tên mới').fill('Ngoại thương và đầu tư')
  await page.getByLabel('Tên mới').press('Enter')
  await expect(page.getByRole('status').filter({ hasText: 'Đã đổi tên' })).toContainText('Đã đổi tên “Thương mại” thành “Ngoại thương và đầu tư”.')
  // In Vietnamese, the Vietnamese name is the one renamed, everywhere it shows.
  await expect(page.locator('.path')).toHaveText('Kinh tế › Ngoại thương và đầu tư')
  await expect(tree.getByRole('treeitem', { selected: true })).toContainText('Ngoại thương và đầu tư')
  await screenshot(page, 'themes-rename-dark-vi')
  await page.getByRole('button', { name: 'Hoàn tác' }).click()
  await expect(page.locator('.path')).toHaveText('Kinh tế › Thương mại')
  await expect(tree.getByRole('treeitem', { selected: true })).toContainText('Thương mại')

  // A theme without a Vietnamese name is renamed by its name, and duplicates are refused.
  await tree.getByRole('treeitem', { name: /APEC/ }).click()
  await page.getByRole('toolbar').getByRole('button', { name: 'Đổi tên' }).click()
  await page.getByLabel('Tên mới').fill('economy')
  await page.getByLabel('Tên mới').press('Enter')
  await expect(page.getByRole('alert')).toHaveText(/Đã có chủ đề tên “Economy”; “economy” sẽ trùng tên\./)
})

test('auto-tag proposes passages per theme; accepting one makes it a passage of the theme', async () => {
  app = await launchApp()
  const { page } = app
  await page.getByRole('tab', { name: 'Themes' }).click()
  await page.getByLabel('Article to auto-tag').selectOption({ label: 'Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD' })
  await page.getByRole('button', { name: 'Find passages' }).click()
  const proposals = page.getByRole('list', { name: 'Proposed passages' }).getByRole('listitem')
  const telecom = proposals.filter({ hasText: 'Telecommunications' }).first()
  await expect(telecom).toContainText('Found:')
  await screenshot(page, 'themes-auto-tag')
  const before = await proposals.count()
  await telecom.getByRole('button', { name: 'Accept' }).click()
  await expect(proposals).toHaveCount(before - 1)
  await page.getByRole('tree').getByRole('treeitem', { name: /Telecommunications/ }).click()
  await expect(page.getByRole('main', { name: 'The selected theme' }).locator('section[aria-labelledby^="theme-article-"]')).toHaveCount(1)
  await proposals.first().getByRole('button', { name: 'Reject' }).click()
  await expect(proposals).toHaveCount(before - 2)
})

test('the taxonomy is exported through the save dialog and imported back, undoably', async () => {
  const dataDir = await newDataDir()
  const file = join(await newDataDir(), 'themes.json')
  app = await launchApp({ dataDir, dialogs: { saveFile: file, openFile: file } })
  const { page } = app
  await page.getByRole('tab', { name: 'Themes' }).click()
  await page.getByRole('button', { name: 'Taxonomy actions' }).click()
  await page.getByRole('menuitem', { name: 'Export taxonomy…' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(`Saved 17 themes to ${file}.`)
  expect((JSON.parse(await readFile(file, 'utf8')) as { tags: unknown[] }).tags).toHaveLength(17)
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await page.getByRole('button', { name: 'Taxonomy actions' }).click()
  await page.getByRole('menuitem', { name: 'Import taxonomy…' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('0 themes added, 17 updated.')
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('tree').getByRole('treeitem')).toHaveCount(17)
})
