import { rm } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { generateLibraryFiles } from '../bench/library-generator'
import { launchApp, newDataDir, type LaunchedApp } from './harness'

let app: LaunchedApp | undefined
let dataDir: string | undefined
test.afterEach(async () => {
  await app?.close()
  // Two files per article: removed here, within the test's time, rather than synchronously as the worker
  // exits (test/temp-folders.ts), which Playwright would cut short.
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
})

/**
 * Articles in the generated library: 5,000 in `npm test`, enough to prove the list keeps a window
 * of rows; BRIEFING_LIST_SCALE=100000 runs the size (about 10 minutes on 2 loaded cores).
 */
const COUNT = Number(process.env['BRIEFING_LIST_SCALE'] ?? 5_000)
const COUNT_TEXT = String(COUNT)

/**
 * The library list at scale (issue 20): virtualised, it keeps a few dozen rows in the
 * DOM however long the library, and still reaches its last article, by keyboard and by scrolling.
 * The library is generated straight in the store's format (bench/library-generator.ts), with short
 * bodies: only the list is under test. Generating and opening it takes minutes on a loaded machine.
 */
test(`a library of ${COUNT} articles: few rows in the DOM, and the end of the list shows the last article`, async () => {
  test.setTimeout(20 * 60_000)
  dataDir = await newDataDir()
  await generateLibraryFiles(dataDir, { count: COUNT, bodyBytes: 200 })
  app = await launchApp({ dataDir })
  const { page } = app
  const list = page.getByRole('listbox', { name: 'Articles in the library' })
  const rows = list.getByRole('option')
  await expect(rows.first()).toHaveAttribute('aria-setsize', COUNT_TEXT, { timeout: 120_000 })
  expect(await rows.count()).toBeLessThan(80)
  const lastTitle = await page.evaluate(async () => {
    const listed = await window.api.listArticles()
    if (!listed.ok) throw new Error(listed.error.code)
    return listed.value.at(-1)!.title
  })

  // By keyboard: End moves the selection (and the focus) to the last article.
  await rows.first().focus()
  await page.keyboard.press('End')
  const last = list.locator(`[aria-posinset="${COUNT_TEXT}"]`)
  await expect(last).toBeFocused()
  await expect(last).toContainText(lastTitle.slice(0, 20))
  await expect(last).toBeInViewport()
  expect(await rows.count()).toBeLessThan(80)

  // By scrolling: back to the top, then to the very end of the list.
  await page.keyboard.press('Home')
  await expect(list.locator('[aria-posinset="1"]')).toBeInViewport()
  await list.evaluate((element) => element.parentElement!.scrollTo({ top: element.parentElement!.scrollHeight }))
  await expect(last).toBeInViewport()
  await expect(last).toContainText(lastTitle.slice(0, 20))
  expect(await rows.count()).toBeLessThan(80)
})

/** The list's order and filter (issue 20) work on the whole list, not only on the rows in the DOM. */
test('the library list orders by title or oldest first, and filters by a word of the title without accents', async () => {
  test.setTimeout(10 * 60_000)
  dataDir = await newDataDir()
  await generateLibraryFiles(dataDir, { count: 500, bodyBytes: 200 })
  app = await launchApp({ dataDir })
  const { page } = app
  const list = page.getByRole('listbox', { name: 'Articles in the library' })
  const rows = list.getByRole('option')
  await expect(rows.first()).toHaveAttribute('aria-setsize', '500', { timeout: 120_000 })
  const titles = await page.evaluate(async () => {
    const listed = await window.api.listArticles()
    if (!listed.ok) throw new Error(listed.error.code)
    return listed.value.map((article) => ({ title: article.title, published: article.published }))
  })
  const byTitle = titles.map((article) => article.title).sort(new Intl.Collator('vi').compare)

  await page.getByRole('combobox', { name: 'Order of the list' }).selectOption({ label: 'By title' })
  await expect(rows.first()).toContainText(byTitle[0]!.slice(0, 20))
  await page.getByRole('combobox', { name: 'Order of the list' }).selectOption({ label: 'Oldest first' })
  const oldest = titles.filter((article) => article.published !== null).sort((a, b) => a.published!.localeCompare(b.published!))[0]!
  await expect(list.locator('[aria-posinset="1"]')).toContainText(oldest.published!.slice(0, 4))

  // A word of the last title, typed without its accents: only the titles holding it remain.
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/gu, 'd').toLowerCase()
  const word = titles.at(-1)!.title.split(' ').find((part) => fold(part) !== part.toLowerCase() && part.length > 2)!
  const plain = fold(word)
  await page.getByRole('searchbox', { name: 'Filter the list by title or source' }).fill(plain)
  // Folded, the word also finds the titles where it is written with other tones (as search does).
  const expected = titles.filter((article) => fold(article.title).includes(plain)).length
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(expected))
  expect(expected).toBeLessThan(500)
  await expect(page.getByText(`${expected} of 500 articles`)).toBeVisible()
  await page.getByRole('searchbox', { name: 'Filter the list by title or source' }).fill('zzqqxx')
  await expect(page.getByRole('status').filter({ hasText: 'zzqqxx' })).toBeVisible()
})
