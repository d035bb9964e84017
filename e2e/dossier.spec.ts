import { expect, test } from '@playwright/test'
import { launchApp, screenshot, type LaunchedApp } from './harness'

/**
 * The dossier in the library (issue 17): People and Timeline views over the sample articles the
 * app imports on first launch. Every row links to its passage: the reader opens the article there.
 */
let app: LaunchedApp
test.afterEach(async () => app?.close())

test('People lists a person with roles, articles and dates; a mention opens its passage; decisions apply', async () => {
  app = await launchApp()
  const { page } = app
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByRole('tab', { name: 'People' }).click()
  const list = page.getByRole('navigation', { name: 'People' })
  const hoa = list.locator('[data-person="pham thi kim hoa"]')
  await expect(hoa).toContainText('Phạm Thị Kim Hoa')
  await expect(hoa).toContainText('Đại sứ · Ambassador')
  await expect(hoa).toContainText('2 articles · 24 April 2023 to 25 April 2023')
  await hoa.click()
  const detail = page.getByRole('main', { name: 'Phạm Thị Kim Hoa' })
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Phạm Thị Kim Hoa')
  await expect(detail).toContainText('Also named: Pham Thi Kim Hoa, Kim Hoa')
  const mention = detail.getByRole('button', { name: /Đại sứ Kim Hoa đề nghị/ })
  await expect(mention).toContainText('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD')
  await screenshot(page, 'dossier-people-en-light-1440')

  // Hide one person and confirm another: the list follows at once.
  await list.locator('[data-person="dina boluarte"]').click()
  await page.getByRole('main', { name: 'Dina Boluarte' }).getByRole('button', { name: 'Hide' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Dina Boluarte.' })).toBeVisible()
  await expect(list.locator('[data-person="dina boluarte"]')).toHaveCount(0)
  await page.getByLabel('Show hidden').check()
  await expect(list.locator('[data-person="dina boluarte"]')).toContainText('Hidden')

  await hoa.click()
  await page.getByRole('main', { name: 'Phạm Thị Kim Hoa' }).getByRole('button', { name: /Đại sứ Kim Hoa đề nghị/ }).click()
  await expect(page.locator('article h1')).toHaveText('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD')
  await expect(page.locator('article [data-focused="true"]').first()).toContainText('Kim Hoa')
})

test('Split undoes a merge of name variants: the chosen mentions become an entry of their own, and stay so', async () => {
  app = await launchApp()
  const { page } = app
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByRole('tab', { name: 'People' }).click()
  const list = page.getByRole('navigation', { name: 'People' })
  await list.locator('[data-person="pham thi kim hoa"]').click()
  const detail = page.getByRole('main', { name: 'Phạm Thị Kim Hoa' })
  await expect(detail).toContainText('Also named: Pham Thi Kim Hoa, Kim Hoa')
  await detail.getByRole('button', { name: 'Split' }).click()
  const form = detail.getByTestId('split-form')
  const save = form.getByRole('button', { name: 'Split off' })
  await expect(form.getByRole('status')).toHaveText('Choose the mentions to split off.')
  await expect(save).toBeDisabled()

  // Every variant chosen would move every mention: refused, saying why.
  const variants = form.getByRole('checkbox', { name: /^all “/ })
  for (const box of await variants.all()) await box.check()
  await expect(form.getByRole('status')).toHaveText('Leave at least one mention: splitting them all would only rename the entry.')
  for (const box of await variants.all()) await box.uncheck()

  // The short variant "Kim Hoa" goes; the name field takes it until the user types another.
  await form.getByRole('checkbox', { name: /^all “Kim Hoa” \(\d+\)$/ }).check()
  await expect(form.getByTestId('split-name')).toHaveValue('Kim Hoa')
  // Its mentions are ticked in the list of mentions below too.
  await expect(detail.getByRole('checkbox', { name: /^Split off: .*Đại sứ Kim Hoa đề nghị/ })).toBeChecked()
  await form.getByTestId('split-name').fill('Kim Hoa (other)')
  await save.click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved: / })).toBeVisible()
  // The new entry is listed and shown.
  await expect(list.locator('[data-person="kim hoa other"]')).toContainText('Kim Hoa (other)')
  await expect(page.getByRole('main', { name: 'Kim Hoa (other)' }).getByRole('heading', { level: 2 })).toHaveText('Kim Hoa (other)')

  // The decision is stored: after leaving the view and coming back, the split holds.
  await page.keyboard.press('Control+5')
  await page.keyboard.press('Control+4')
  await list.locator('[data-person="kim hoa other"]').click()
  const split = page.getByRole('main', { name: 'Kim Hoa (other)' })
  await expect(split.getByRole('button', { name: /Đại sứ Kim Hoa đề nghị/ })).toBeVisible()
  await list.locator('[data-person="pham thi kim hoa"]').click()
  const original = page.getByRole('main', { name: 'Phạm Thị Kim Hoa' })
  await expect(original.getByRole('button', { name: /Đại sứ Kim Hoa đề nghị/ })).toHaveCount(0)
  // The moved way of writing is no longer offered as another name of the original entry.
  await expect(original.locator('p').filter({ hasText: /^Also named:/ })).toHaveText('Also named: Pham Thi Kim Hoa')
})

test('Organisations take decisions: rename, merge, hide and confirm, kept when the view is opened again', async () => {
  app = await launchApp()
  const { page } = app
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByRole('tab', { name: 'People' }).click()
  await page.getByRole('radiogroup', { name: 'Show' }).getByRole('radio', { name: 'Organisations' }).click()
  const organisations = page.getByRole('navigation', { name: 'Organisations' })
  await organisations.getByRole('button', { name: /^Bitel/ }).click()
  const bitel = page.getByRole('main', { name: 'Bitel' })
  await expect(bitel.getByRole('heading', { level: 2 })).toHaveText('Bitel')

  // Rename: the list and the detail take the new name; the old one is kept as another name.
  await bitel.getByRole('button', { name: 'Rename' }).click()
  await bitel.getByLabel('New name for Bitel').fill('Bitel Perú')
  await bitel.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Bitel Perú.' })).toBeVisible()
  const renamed = page.getByRole('main', { name: 'Bitel Perú' })
  await expect(renamed.getByRole('heading', { level: 2 })).toHaveText('Bitel Perú')
  await expect(renamed).toContainText('Also named: Bitel')

  // Confirm: a tick in the list. Hide: gone from the list until hidden ones are shown.
  await renamed.getByRole('button', { name: 'Confirm' }).click()
  await expect(organisations.getByRole('button', { name: /^Bitel Perú/ }).getByTitle('Confirmed')).toBeVisible()
  await renamed.getByRole('button', { name: 'Hide' }).click()
  await expect(organisations.getByRole('button', { name: /^Bitel Perú/ })).toHaveCount(0)
  await page.getByLabel('Show hidden').check()
  await expect(organisations.getByRole('button', { name: /^Bitel Perú/ })).toContainText('Hidden')

  // Merge Viettel into it: one entry with both names' mentions.
  await organisations.getByRole('button', { name: /^Bitel Perú/ }).click()
  const before = Number((await renamed.locator('p.muted').filter({ hasText: /mentions?/ }).textContent())?.match(/(\d+) mentions?/)?.[1])
  await renamed.getByRole('button', { name: 'Merge' }).click()
  await renamed.getByLabel('Merge Bitel Perú with').selectOption({ label: 'Viettel' })
  await renamed.getByRole('button', { name: 'Save' }).click()
  await expect(renamed).toContainText('Viettel')
  await expect(organisations.getByRole('button', { name: /^Viettel/ })).toHaveCount(0)
  const after = Number((await renamed.locator('p.muted').filter({ hasText: /mentions?/ }).textContent())?.match(/(\d+) mentions?/)?.[1])
  expect(after).toBeGreaterThan(before)

  // Stored: the view opened again shows the decisions.
  await page.keyboard.press('Control+5')
  await page.keyboard.press('Control+4')
  await page.getByRole('radiogroup', { name: 'Show' }).getByRole('radio', { name: 'Organisations' }).click()
  await expect(organisations.getByRole('button', { name: /^Bitel Perú/ })).toHaveCount(0)
  await page.getByLabel('Show hidden').check()
  await expect(organisations.getByRole('button', { name: /^Bitel Perú/ })).toContainText('Hidden')
  await expect(organisations.getByRole('button', { name: /^Viettel/ })).toHaveCount(0)
})

test('Timeline shows resolved, ranged and derived dates with their reasoning, filters, and opens an event’s passage', async () => {
  app = await launchApp()
  const { page } = app
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const consultation = page.locator('.entry').filter({ hasText: 'Ngày 3/10, tại thủ đô Lima' })
  await expect(consultation.locator('.date')).toHaveText('3 October 2024')
  await expect(consultation.locator('.why')).toHaveText('“3/10”, read against the publication date (4 October 2024)')
  await expect(page.locator('.entry').filter({ hasText: 'Từ ngày 17 đến 21/4/2023' }).locator('.date')).toHaveText('17 April 2023 to 21 April 2023')
  await expect(page.locator('.entry').filter({ hasText: 'kỷ niệm 30 năm' }).locator('.why')).toHaveText('“kỷ niệm 30 năm”: 2024 (publication year) − 30 years = 1994')
  await screenshot(page, 'dossier-timeline-en-light-1440')

  // Period, then person: fewer events, each still matching.
  const all = await page.locator('.entry').count()
  await page.getByLabel('From').fill('2024')
  await page.getByLabel('From').press('Enter')
  await expect(page.locator('.entry').first().locator('.date')).toHaveText('3 October 2024')
  expect(await page.locator('.entry').count()).toBeLessThan(all)
  await page.getByLabel('From').fill('2024-13')
  await page.getByLabel('From').press('Enter')
  await expect(page.getByRole('alert')).toHaveText('“2024-13” is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD.')
  await page.getByRole('button', { name: 'Clear filters' }).click()
  // The person filter suggests the people matching the words typed (asked of the service), then filters by the name.
  await page.getByLabel('Person').fill('ha kim')
  await expect(page.locator('#timeline-people option[value="Hà Kim Ngọc"]')).toHaveCount(1)
  await page.getByLabel('Person').fill('Hà Kim Ngọc')
  await page.getByLabel('Person').press('Enter')
  await expect(page.locator('.entry')).not.toHaveCount(all)
  await expect(consultation).toBeVisible()

  await consultation.getByRole('button', { name: /Tham vấn chính trị/ }).click()
  await expect(page.locator('article h1')).toContainText('Tham vấn chính trị')
  await expect(page.locator('article [data-focused="true"]').first()).toContainText('Ngày 3/10')
})

test('People and Timeline in Vietnamese, dark, at 1024×700', async () => {
  app = await launchApp({ locale: 'vi', colorScheme: 'dark' })
  const { page } = app
  await page.setViewportSize({ width: 1024, height: 700 })
  await page.keyboard.press('Control+4')
  const list = page.getByRole('navigation', { name: 'Nhân vật' })
  await list.locator('[data-person="ha kim ngoc"]').click()
  const detail = page.getByRole('main', { name: 'Hà Kim Ngọc' })
  await expect(detail.getByRole('button', { name: 'Xác nhận' })).toBeVisible()
  await expect(detail).toContainText('Thứ trưởng Bộ Ngoại giao')
  await screenshot(page, 'dossier-people-vi-dark-1024')
  await page.keyboard.press('Control+5')
  const consultation = page.locator('.entry').filter({ hasText: 'Ngày 3/10, tại thủ đô Lima' })
  await expect(consultation.locator('.date')).toContainText('tháng 10')
  await expect(consultation.locator('.why')).toContainText('tính theo ngày đăng bài')
  await expect(page.getByRole('button', { name: 'Bỏ các bộ lọc' })).toBeVisible()
  await screenshot(page, 'dossier-timeline-vi-dark-1024')
})
