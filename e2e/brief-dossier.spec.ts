import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { seededLibrary } from '../test/themes/library'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'

/** The dossier in a brief: samples, a brief drafted from a theme with the Background template, its Who's who and Chronology rows, Refresh, and the Markdown export read back. */
let app: LaunchedApp
test.afterEach(async () => app?.close())

test('a Background brief drafted from a theme shows cited Who’s who and Chronology rows, refreshes, and exports them', async () => {
  test.setTimeout(180_000)
  const dataDir = await newDataDir()
  await seededLibrary(
    [
      { article: 'Tham vấn chính trị', quote: 'Ngày 3/10, tại thủ đô Lima', tags: ['High-level visits'] },
      { article: '600 triệu USD', quote: 'Đại sứ Phạm Thị Kim Hoa đã thăm và làm việc tại Peru', tags: ['High-level visits'] },
      { article: 'Bitel brings free internet', quote: 'now provides free internet access to 4,743 schools', tags: ['High-level visits'] },
    ],
    dataDir,
  )
  const exported = join(await newDataDir(), 'brief.md')
  app = await launchApp({ dataDir, dialogs: { saveFile: exported } })
  const { page } = app
  await page.setViewportSize({ width: 1440, height: 900 })

  await page.locator('#view-tab-briefs').click()
  await page.getByTestId('brief-template').selectOption('background-brief')
  await page.getByRole('checkbox', { name: /^High-level visits/ }).check()
  await page.getByRole('button', { name: 'New brief from themes' }).click()

  const people = page.locator('[data-testid="dossier-rows"][data-kind="people"] [data-testid="dossier-row"]')
  await expect(people.first()).toBeVisible({ timeout: 30_000 })
  await expect(people.filter({ hasText: 'Hà Kim Ngọc' })).toContainText('Thứ trưởng Bộ Ngoại giao')
  await expect(people.filter({ hasText: 'Hà Kim Ngọc' }).getByTestId('dossier-cite')).toContainText('Tham vấn chính trị')
  const events = page.locator('[data-testid="dossier-rows"][data-kind="chronology"] [data-testid="dossier-row"]')
  // Dates in the brief's language (Vietnamese: its sources'), a range kept as a range.
  await expect(events.filter({ hasText: '3 tháng 10 năm 2024' })).toContainText('Ngày 3/10, tại thủ đô Lima')
  await expect(events.filter({ hasText: '17–21 tháng 4 năm 2023' })).toHaveCount(1)

  // Each passage's quote is marked with its own article's language, not the brief's.
  await expect(page.getByTestId('passage').filter({ hasText: '4,743 schools' }).locator('blockquote')).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('passage').filter({ hasText: 'Ngày 3/10, tại thủ đô Lima' }).locator('blockquote')).toHaveAttribute('lang', 'vi')

  // Removing a row takes it out of the preview too; the preview shows the tables.
  const count = await people.count()
  await people.filter({ hasText: 'Dina Boluarte' }).getByTestId('dossier-remove').click()
  await expect(people).toHaveCount(count - 1)
  const preview = page.getByTestId('brief-preview')
  await expect(preview.locator('table').first()).toContainText('Hà Kim Ngọc')
  await expect(preview.locator('table').first()).not.toContainText('Dina Boluarte')

  // The user's own words in a row: a person's name, an event's text; still cited, kept by Refresh.
  const deputy = people.filter({ hasText: 'Hà Kim Ngọc' })
  await deputy.getByTestId('dossier-edit-open').click()
  // One row is edited at a time; its name is in a field now, not in the row's text.
  const form = page.getByTestId('dossier-edit')
  await form.getByTestId('dossier-edit-name').fill('Ngài Hà Kim Ngọc')
  await form.getByTestId('dossier-edit-save').click()
  await expect(deputy).toContainText('Ngài Hà Kim Ngọc')
  await expect(deputy.getByTestId('dossier-cite')).toContainText('Tham vấn chính trị')
  const meeting = events.filter({ hasText: '3 tháng 10 năm 2024' })
  await meeting.getByTestId('dossier-edit-open').click()
  await form.getByTestId('dossier-edit-text').fill('Tham vấn chính trị lần thứ 5 tại Lima.')
  await form.getByTestId('dossier-edit-save').click()
  await expect(meeting).toContainText('Tham vấn chính trị lần thứ 5 tại Lima.')
  await expect(preview.locator('table').first()).toContainText('Ngài Hà Kim Ngọc')

  // The brief's date is typed day first and read back in the interface's words, whatever the
  // browser's own date control would show; a date that does not exist is refused, saying why.
  const date = page.getByTestId('brief-date')
  await expect(date).toHaveAttribute('placeholder', 'dd/mm/yyyy')
  await date.fill('31/2/2024')
  await expect(page.getByTestId('brief-date-read')).toHaveText('Date “31/2/2024”: not a calendar date; write day/month/year, e.g. 14/11/2024.')
  await expect(date).toHaveAttribute('aria-invalid', 'true')
  await date.fill('4/10/2024')
  await expect(page.getByTestId('brief-date-read')).toHaveText('4 October 2024')
  await expect(preview).toContainText('4 tháng 10 năm 2024')

  await page.getByTestId('brief-refresh').click()
  await expect(page.getByTestId('refresh-none')).toBeVisible()
  await expect(deputy).toContainText('Ngài Hà Kim Ngọc')
  await expect(meeting).toContainText('Tham vấn chính trị lần thứ 5 tại Lima.')
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved')
  await screenshot(page, 'brief-dossier-1440-en-light')

  await page.getByRole('button', { name: 'Markdown' }).click()
  await expect(page.getByText(`Exported to ${exported} as Markdown.`)).toBeVisible()
  const markdown = await readFile(exported, 'utf8')
  expect(markdown).toContain('## Thành phần liên quan')
  expect(markdown).toContain('## Niên biểu')
  expect(markdown).toMatch(/\| Ngài Hà Kim Ngọc \| Thứ trưởng Bộ Ngoại giao \| +\| \[\^\d+\] \|/)
  expect(markdown).toMatch(/\| 3 tháng 10 năm 2024 \| Tham vấn chính trị lần thứ 5 tại Lima\. \| \[\^\d+\] \|/)
  expect(markdown).not.toContain('Dina Boluarte |')
  // One date style for the brief's language: the title block, the footnotes and the rows alike.
  expect(markdown).toContain('**Ngày:** 4 tháng 10 năm 2024')
  expect(markdown).toMatch(/\[\^\d+\]: “[^”]+”, TTXVN, 4 tháng 10 năm 2024, đoạn \d+\./)
  expect(markdown).not.toMatch(/tháng \d+, \d{4}/)

  await page.setViewportSize({ width: 1024, height: 700 })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.locator('[data-testid="dossier-rows"][data-kind="chronology"]').scrollIntoViewIfNeeded()
  // The editor's header wraps at this width; every export button stays whole inside it.
  const header = page.getByRole('region', { name: 'Brief editor' }).locator('header').first()
  const headerBox = (await header.boundingBox())!
  for (const name of ['Markdown', 'HTML', 'PDF']) {
    const box = (await header.getByRole('button', { name, exact: true }).boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(headerBox.y)
    expect(box.y + box.height).toBeLessThanOrEqual(headerBox.y + headerBox.height)
    expect(box.x + box.width).toBeLessThanOrEqual(headerBox.x + headerBox.width)
  }
  // The brief is Vietnamese (its sources'); the interface stays English here.
  await screenshot(page, 'brief-dossier-1024-vi-brief-dark')
})
