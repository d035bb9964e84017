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
