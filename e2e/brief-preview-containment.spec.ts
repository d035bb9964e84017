import { expect, test } from '@playwright/test'
import { QUOTES, seedLibrary } from '../test/briefs/seed'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'

let app: LaunchedApp
test.afterEach(async () => app?.close())

/**
 * Raw HTML left open in a section's text (an unclosed table, a style element) used to swallow
 * the rest of the live preview. Each section and each passage is now rendered on its own, so
 * everything after it stays visible, as in the exports (test/briefs/unclosed-html.test.ts).
 */
test('the preview shows every section and passage after a section with unclosed HTML', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  app = await launchApp({ dataDir })
  const { page } = app

  await page.locator('#view-tab-briefs').click()
  await page.getByTestId('brief-template').selectOption('talking-points')
  await page.getByRole('checkbox', { name: /^Trade/ }).check()
  await page.getByRole('checkbox', { name: /^Telecom/ }).check()
  await page.getByRole('button', { name: 'New brief from themes' }).click()
  await expect(page.getByTestId('section-heading')).toHaveCount(6)
  // Drafted in its sources' language (Vietnamese); written in English here.
  await page.getByTestId('brief-language').selectOption('en')
  await page.getByRole('textbox', { name: 'Text of “Trade” (Markdown)' }).fill('<table><tr><td>x')
  await page.getByRole('textbox', { name: 'Text of “Telecom” (Markdown)' }).fill('<style>\n\nText after the style.')

  const preview = page.getByTestId('brief-preview')
  await expect(preview.locator('table td').first()).toHaveText('x')
  // The Trade section's own passages, the next section and its passage, the sources: all outside the table.
  await expect(preview.locator(':scope > blockquote', { hasText: QUOTES.total })).toBeVisible()
  await expect(preview.locator(':scope > h2', { hasText: 'Telecom' })).toBeVisible()
  await expect(preview.locator(':scope > blockquote', { hasText: QUOTES.bitel })).toBeVisible()
  await expect(preview.locator(':scope > h2', { hasText: 'Sources' })).toBeVisible()
  await expect(preview.locator('table').first()).not.toContainText('Telecom')
  await expect(preview.locator('style')).toHaveCount(0)
  await screenshot(page, 'brief-preview-unclosed-html')
})
