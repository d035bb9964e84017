import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp } from './harness'

/**
 * The People view over a paged list (issue 17): the list holds light rows asked of the service a
 * page at a time; a person's mentions are fetched when the user opens them; searching asks the
 * service; decisions, imports and other windows' changes (the change feed) update the list.
 */
let app: LaunchedApp
test.afterEach(async () => app?.close())
test.setTimeout(180_000)

test('opening a person fetches their mentions; search, decisions and an import update the list', async () => {
  app = await launchApp()
  const { page } = app
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByRole('tab', { name: 'People' }).click()
  const list = page.getByRole('navigation', { name: 'People' })
  await expect(list.locator('[data-person="pham thi kim hoa"]')).toBeVisible()

  // The list's rows carry no mentions, name variants or keys: those come with a person's details.
  const rows = await page.evaluate(async () => {
    const result = await window.api.dossierPeoplePage({ limit: 200 })
    if (!result.ok) throw new Error(result.error.message)
    return result.value.people
  })
  expect(rows.length).toBeGreaterThan(3)
  for (const row of rows) expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['mentions']))
  expect(rows.some((row) => 'names' in row || 'keys' in row)).toBe(false)
  const count = page.locator('.count')
  await expect(count).toHaveText(`${rows.length} people`)

  // Searched by the service, without diacritics: one row, and nothing opened yet.
  const find = page.getByRole('searchbox', { name: 'Find a person' })
  await find.fill('kim hoa')
  await expect(list.locator('[data-person]')).toHaveCount(1)
  await expect(count).toHaveText('1 person')
  await expect(page.getByRole('main', { name: 'People' })).toContainText('People named with a title')

  // Opened: the mentions arrive with the details.
  await list.locator('[data-person="pham thi kim hoa"]').click()
  const detail = page.getByRole('main', { name: 'Phạm Thị Kim Hoa' })
  await expect(detail.getByRole('button', { name: /Đại sứ Kim Hoa đề nghị/ })).toBeVisible()
  await expect(detail).toContainText('Also named: Pham Thi Kim Hoa, Kim Hoa')

  // Renamed: the list row and the details follow the decision.
  await detail.getByRole('button', { name: 'Rename' }).click()
  await detail.getByLabel('New name for Phạm Thị Kim Hoa').fill('Phạm Thị Kim Hoa (Đại sứ tại Peru)')
  await detail.getByRole('button', { name: 'Save' }).click()
  await expect(list.locator('[data-person]').first()).toContainText('Phạm Thị Kim Hoa (Đại sứ tại Peru)')
  await expect(page.getByRole('main', { name: 'Phạm Thị Kim Hoa (Đại sứ tại Peru)' }).getByRole('heading', { level: 2 })).toHaveText('Phạm Thị Kim Hoa (Đại sứ tại Peru)')

  // Merged through the picker, which asks the service for the names typed.
  await find.fill('')
  await expect(count).toHaveText(`${rows.length} people`)
  await list.locator('[data-person="eduardo salhuana"]').click()
  const salhuana = page.getByRole('main', { name: 'Eduardo Salhuana' })
  await salhuana.getByRole('button', { name: 'Merge' }).click()
  const picker = salhuana.getByLabel('Merge Eduardo Salhuana with')
  await salhuana.getByLabel('Find the person to merge with').fill('boluarte')
  // The choice offered and a first line saying to choose: nothing else matches.
  await expect(picker.locator('option')).toHaveCount(2)
  await expect(picker.locator('option').nth(1)).toContainText('Dina Boluarte')
  await picker.selectOption({ index: 1 })
  const save = salhuana.getByRole('button', { name: 'Save' })
  await expect(save).toBeEnabled()
  // A new search whose matches leave out the person chosen drops the choice: Save cannot merge
  // with someone the picker no longer shows.
  await salhuana.getByLabel('Find the person to merge with').fill('kim hoa')
  await expect(picker.locator('option')).toHaveCount(2)
  await expect(picker.locator('option').nth(1)).toContainText('Phạm Thị Kim Hoa')
  await expect(picker).toHaveValue('')
  await expect(save).toBeDisabled()
  await salhuana.getByLabel('Find the person to merge with').fill('boluarte')
  await expect(picker.locator('option').nth(1)).toContainText('Dina Boluarte')
  await picker.selectOption({ index: 1 })
  await save.click()
  await expect(count).toHaveText(`${rows.length - 1} people`)

  // An article imported (here by the API, as an import in the background would): the list follows the change feed.
  await page.evaluate(async () => {
    const text = 'Bộ trưởng Thương mại Peru gặp Thứ trưởng Công Thương Việt Nam\n\nNgày 12/3, tại Lima, Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân đã có cuộc gặp với Bộ trưởng Ngoại thương và Du lịch Peru về hợp tác thương mại hai nước.'
    const result = await window.api.importPaste({ text, html: null })
    if (!result.ok) throw new Error(result.error.message)
  })
  await expect(list.locator('[data-person="nguyen sinh nhat tan"]')).toBeVisible()
  await expect(count).toHaveText(`${rows.length} people`)
})
