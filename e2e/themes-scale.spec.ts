import { rm } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { generateHighlightedLibrary, SCALE_THEME } from '../bench/ui-scale-library'
import { launchApp, newDataDir, type LaunchedApp } from './harness'

let app: LaunchedApp | undefined
let dataDir: string | undefined
test.afterEach(async () => {
  await app?.close()
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
})

/** Highlights in the generated library: 10 per article; BRIEFING_THEMES_SCALE=100000 runs the size. */
const HIGHLIGHTS = Number(process.env['BRIEFING_THEMES_SCALE'] ?? 5_000)
const PER_ARTICLE = 10

/**
 * The Themes view at scale (issue 20): a theme listing thousands of passages keeps a few dozen in
 * the DOM, its count agrees with its list, and scrolling to the end shows the last passage.
 */
test(`a theme with ${HIGHLIGHTS} passages: few in the DOM, the count says them all, the end shows the last one`, async () => {
  test.setTimeout(15 * 60_000)
  dataDir = await newDataDir()
  await generateHighlightedLibrary(dataDir, HIGHLIGHTS / PER_ARTICLE, PER_ARTICLE)
  app = await launchApp({ dataDir })
  const { page } = app
  await page.getByRole('tab', { name: 'Themes' }).click()
  const tree = page.getByRole('tree', { name: 'Theme tree' })
  const theme = tree.getByRole('treeitem', { name: new RegExp(`^${SCALE_THEME}`) })
  // Every highlight sits on a sub-theme of Economy: its count includes them, its own is none.
  await expect(theme.locator('.count')).toHaveText(String(HIGHLIGHTS), { timeout: 120_000 })
  await expect(theme.locator('.count')).toHaveAttribute('aria-label', `${HIGHLIGHTS.toLocaleString('en-US')} highlights with its sub-themes, 0 on this theme itself`)
  const detail = page.getByRole('main', { name: 'The selected theme' })
  const passages = detail.locator('[data-annotation-id]')
  // A theme without passages first: the passage list appears only with the next theme, and must
  // still follow its scrolling (checked at the end).
  const empty = tree.getByRole('treeitem', { name: /^Security/ })
  await empty.click()
  await expect(detail.getByRole('heading', { name: 'Security' })).toBeVisible()
  await theme.click()
  await expect(passages.first()).toBeVisible({ timeout: 120_000 })
  expect(await passages.count()).toBeLessThan(60)
  expect(await detail.locator('section[aria-labelledby^="theme-article-"]').count()).toBeLessThan(20)

  // Rows take the height of their card (measured), not one height for all: consecutive cards of an
  // article stand one gap apart, whatever their quote and note.
  await expect(async () => {
    const gaps = await detail.locator('ol.passages').first().evaluate((list) => {
      const rows = [...list.querySelectorAll<HTMLElement>('li[data-loaded="true"]')].map((row) => row.getBoundingClientRect()).sort((a, b) => a.top - b.top)
      return rows.slice(1).map((row, i) => row.top - rows[i]!.bottom)
    })
    expect(gaps.length).toBeGreaterThan(0)
    for (const gap of gaps) expect(Math.abs(gap - 8)).toBeLessThan(1)
  }).toPass({ timeout: 60_000 })

  // Ctrl+A selects the whole theme, loaded or not: the bar counts every passage.
  await passages.first().focus()
  await page.keyboard.press('ControlOrMeta+a')
  await expect(detail.getByRole('group', { name: 'Selected highlights' }).getByRole('status')).toHaveText(new RegExp(`^${HIGHLIGHTS.toLocaleString('en-US')} selected$|^${HIGHLIGHTS} selected$`))
  await page.keyboard.press('Escape')

  // The last passage, as the service lists it.
  const last = await page.evaluate(async (name) => {
    const tags = await window.api.listTags()
    if (!tags.ok) throw new Error(tags.error.code)
    const tagId = tags.value.find((tag) => tag.name === name)!.id
    const layout = await window.api.themePassageLayout({ tagId })
    if (!layout.ok) throw new Error(layout.error.code)
    const page = await window.api.themePassagePage({ tagId, start: layout.value.total - 1, count: 1 })
    if (!page.ok) throw new Error(page.error.code)
    return { total: layout.value.total, id: page.value.passages[0]!.id, title: page.value.articles[0]!.title }
  }, SCALE_THEME)
  expect(last.total).toBe(HIGHLIGHTS)

  // Scrolled to the very end: the last passage is shown under its article's heading, the DOM still small.
  await detail.locator('[data-scroll-root]').evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
  const lastPassage = detail.locator(`[data-annotation-id="${last.id}"]`)
  await expect(lastPassage).toBeInViewport({ timeout: 60_000 })
  await expect(detail.getByRole('heading', { name: last.title })).toBeAttached()
  expect(await passages.count()).toBeLessThan(60)

  // Through the empty theme and back: the rows in view get their passages again.
  await empty.click()
  await expect(passages).toHaveCount(0)
  await theme.click()
  await expect(passages.first()).toBeVisible({ timeout: 60_000 })
  await detail.locator('[data-scroll-root]').evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
  await expect(lastPassage).toBeInViewport({ timeout: 60_000 })

  // It opens its article like any passage.
  await lastPassage.click()
  await expect(page.getByRole('article')).toContainText(last.title.slice(0, 20), { timeout: 60_000 })
})
