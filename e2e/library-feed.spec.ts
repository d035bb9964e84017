import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows } from './harness'

/**
 * The window follows the library's change feed: a change committed by the app's process but not
 * through the window's own state (here, calls made straight on `window.api` from the test, as an
 * import in the background or, next, team sync would commit) shows without a reload.
 */
let app: LaunchedApp | undefined
test.afterEach(async () => app?.close())

test('the library list, the open article’s highlights, themes and briefs follow changes made outside the UI', async () => {
  test.setTimeout(120_000)
  app = await launchApp()
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  // A marker that a reload would wipe: the test fails if the page reloads to show the changes.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))

  const article = await page.evaluate(async () => {
    const result = await window.api.listArticles()
    if (!result.ok) throw new Error(result.error.message)
    return result.value[0]!
  })
  await page.getByRole('option', { name: article.title }).click()
  const cards = page.locator('aside [data-annotation-id]')
  const before = await cards.count()

  // An article's details changed elsewhere: its title changes in the list.
  const retitled = 'Tiêu đề đổi từ nơi khác'
  await page.evaluate(
    async ({ id, title }) => {
      const current = await window.api.getArticle({ id })
      if (!current.ok) throw new Error(current.error.message)
      const { source, url, published, language } = current.value
      const result = await window.api.updateArticleMetadata({ id, title, source: source ?? '', url: url ?? '', published: published ?? '', language: language ?? '' })
      if (!result.ok) throw new Error(result.error.message)
    },
    { id: article.id, title: retitled },
  )
  await expect(page.getByRole('option', { name: retitled })).toBeVisible()

  // A highlight made elsewhere on the open article: its card appears in the side panel.
  const note = 'Ghi chú từ nơi khác'
  await page.evaluate(
    async ({ articleId, note }) => {
      const result = await window.api.createAnnotation({ articleId, start: 0, end: 8, color: 'yellow', note })
      if (!result.ok) throw new Error(result.error.message)
    },
    { articleId: article.id, note },
  )
  await expect(cards).toHaveCount(before + 1)
  await expect(page.locator('aside')).toContainText(note)

  // A theme made elsewhere appears in the open Themes view.
  await page.getByRole('tab', { name: 'Themes' }).click()
  const tree = page.getByRole('tree', { name: 'Theme tree' })
  await expect(tree.getByRole('treeitem').first()).toBeVisible()
  await page.evaluate(async () => {
    const result = await window.api.createTag({ name: 'Hợp tác nghề cá' })
    if (!result.ok) throw new Error(result.error.message)
  })
  await expect(tree.getByRole('treeitem', { name: /Hợp tác nghề cá/ })).toBeVisible()

  // A brief written and one deleted elsewhere: the open Briefs view's list follows both.
  await page.getByRole('tab', { name: 'Briefs' }).click()
  await expect(page.getByText('No briefs yet')).toBeVisible()
  const briefId = await page.evaluate(async () => {
    const result = await window.api.createBrief({ title: 'Bản tin từ nơi khác' })
    if (!result.ok) throw new Error(result.error.message)
    return result.value.id
  })
  const list = page.getByRole('list', { name: 'Your briefs' })
  await expect(list.getByText('Bản tin từ nơi khác')).toBeVisible()
  await page.evaluate(async (id) => {
    const result = await window.api.deleteBrief({ id })
    if (!result.ok) throw new Error(result.error.message)
  }, briefId)
  await expect(page.getByText('No briefs yet')).toBeVisible()

  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
})
