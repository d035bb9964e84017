import { expect, test, type Locator } from '@playwright/test'
import { seedLibrary } from '../test/briefs/seed'
import { launchApp, type LaunchedApp, libraryRows, newDataDir } from './harness'

/**
 * What a review of the screenshots (e2e/screenshots.spec.ts) found at the smaller window size we
 * promise, 1024×700, in Vietnamese (the longer labels): each check would fail on the fault it names.
 */

let app: LaunchedApp
test.afterEach(async () => app?.close())

/** Whether an element shows all of its content: not cut by an ellipsis or by its box. */
async function cut(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element.scrollWidth > element.clientWidth + 1)
}

/** Whether an element lies within the horizontal bounds of another (not pushed out of sight). */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()]
  return a !== null && b !== null && a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1
}

test('at 1024×700 in Vietnamese: sources whole in the list, no repeated theme path, brief fields inside their column', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  app = await launchApp({ dataDir, samples: false, locale: 'vi-VN' })
  const { page } = app
  await page.setViewportSize({ width: 1024, height: 700 })
  await expect(libraryRows(page)).toHaveCount(4)

  // Before: "TTXVN" was cut to "TTX…" so that the date kept its place; now the date wraps instead.
  const sources = libraryRows(page).locator('.source')
  await expect(sources).toHaveCount(4)
  for (const source of await sources.all()) expect(await cut(source), (await source.textContent()) ?? '').toBe(false)

  // Before: a top-level theme showed its own name again as its path.
  await page.locator('#view-tab-themes').click()
  await page.getByRole('treeitem', { name: /^Thương mại/ }).click()
  await expect(page.locator('h2.title')).toHaveText('Thương mại')
  await expect(page.locator('.path')).toHaveCount(0)
  await page.getByRole('treeitem', { name: /^CPTPP/ }).click()
  await expect(page.locator('.path')).toHaveText('Thương mại › CPTPP')

  // Before: the brief's fields kept their intrinsic width and pushed the marking list's button and
  // "Keep when empty" past the column's edge. The button's label also reads "a brief", as elsewhere.
  await page.getByRole('treeitem', { name: /^Thương mại/ }).click()
  await page.getByRole('button', { name: 'Tạo bản tóm tắt từ chủ đề này' }).click()
  const editor = page.locator('.editor .scroll')
  await expect(editor.getByTestId('section-heading').first()).toBeVisible()
  expect(await cut(editor)).toBe(false)
  expect(await inside(editor.getByRole('button', { name: 'Sửa danh sách…' }), editor)).toBe(true)
  expect(await inside(editor.locator('.keep').first(), editor)).toBe(true)
  // …without squeezing the marking's list to its arrow: the button goes under it instead (9rem at least).
  const marking = editor.locator('.marking select')
  expect((await marking.boundingBox())!.width).toBeGreaterThanOrEqual(144)
})
