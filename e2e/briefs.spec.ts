import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { QUOTES, seedLibrary } from '../test/briefs/seed'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'

let app: LaunchedApp
test.afterEach(async () => app?.close())

test('compose a brief: template, passages from an article, keyboard reorder, paraphrase, preview, export', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  const exportDir = await newDataDir()
  const exported = join(exportDir, 'brief.md')
  app = await launchApp({ dataDir, dialogs: { saveFile: exported } })
  const { page } = app

  await page.locator('#view-tab-briefs').click()
  await expect(page.getByText('No briefs yet')).toBeVisible()
  await page.getByTestId('brief-template').selectOption('talking-points')
  await page.getByRole('button', { name: 'New brief from template' }).click()
  const headings = page.getByTestId('section-heading')
  await expect(headings).toHaveCount(4)
  await expect(headings.nth(1)).toHaveValue('Points to make')

  // Add the trade article's highlights to "Points to make".
  const source = page.getByTestId('passage-source')
  const tradeValue = await source.locator('option', { hasText: '600 triệu USD' }).getAttribute('value')
  await source.selectOption(tradeValue!)
  const panel = page.getByRole('region', { name: 'Add passages' })
  await panel.getByRole('checkbox', { name: QUOTES.total }).check()
  await panel.getByRole('checkbox', { name: QUOTES.quarter }).check()
  await panel.getByRole('combobox').nth(1).selectOption({ label: 'Points to make' })
  await panel.getByRole('button', { name: 'Add 2 passages' }).click()

  const passages = page.locator('[data-section] [data-testid="passage"]')
  await expect(passages).toHaveCount(2)
  await expect(passages.nth(0)).toContainText(QUOTES.total)
  await expect(passages.nth(0)).toContainText('TTXVN/Vietnam+ · 2023-04-24 · paragraph 3')

  // Reorder by keyboard: the second passage moves up, and the move is announced.
  await passages.nth(1).focus()
  await page.keyboard.press('Alt+ArrowUp')
  await expect(passages.nth(0)).toContainText(QUOTES.quarter)
  await expect(passages.nth(0)).toBeFocused()
  await expect(page.getByTestId('announcement')).toHaveText('Passage moved to position 1 of 2.')

  // Paraphrase the first passage; the preview follows, with the citation kept.
  await passages.nth(0).getByRole('radio', { name: 'My paraphrase' }).check()
  await passages.nth(0).getByRole('textbox').fill('Trao đổi hàng hóa quý I/2023 tăng 2,5%.')
  const preview = page.getByTestId('brief-preview')
  const paraphrase = preview.locator('p', { hasText: 'Trao đổi hàng hóa quý I/2023 tăng 2,5%.' })
  await expect(paraphrase.locator('sup.footnote-ref a')).toHaveAttribute('href', '#fn-1')
  await expect(preview.locator('#fn-1')).toContainText(/(paragraph|đoạn) \d/)
  await expect(preview.locator('blockquote')).toContainText(QUOTES.total)
  await expect(preview.locator('table')).toContainText('600 triệu USD')

  await page.getByLabel('Handling marking').selectOption('Internal')
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved')
  await screenshot(page, 'briefs-editor-light')

  await page.getByRole('button', { name: 'Markdown' }).click()
  await expect(page.getByText(`Exported to ${exported}.`)).toBeVisible()
  const markdown = await readFile(exported, 'utf8')
  expect(markdown).toContain('Trao đổi hàng hóa quý I/2023 tăng 2,5%.[^1]')
  expect(markdown.indexOf('Trao đổi hàng hóa quý I/2023')).toBeLessThan(markdown.indexOf(QUOTES.total))
  expect(markdown).toContain('**Marking: Internal**')
})

test('delete a brief and undo it from the toast', async () => {
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  app = await launchApp({ dataDir })
  const { page } = app
  await page.locator('#view-tab-briefs').click()
  await page.getByRole('checkbox', { name: 'Trade' }).check()
  await page.getByRole('button', { name: 'New brief from themes' }).click()
  await expect(page.getByTestId('section-heading')).toHaveValue('Trade')
  await page.getByRole('button', { name: 'Delete “Brief: Trade”' }).click()
  await expect(page.getByText('No briefs yet')).toBeVisible()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('button', { name: /Brief: Trade/ }).first()).toBeVisible()
})
