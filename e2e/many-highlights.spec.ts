import { expect, test, type Page } from '@playwright/test'
import { HIGHLIGHT_COLORS } from '../src/common/model/annotation'
import { bodyText } from '../src/common/model/article'
import { launchApp, type LaunchedApp, libraryRows, newDataDir, screenshot } from './harness'
import { openService } from '../test/themes/library'

/**
 * An article with more highlights than the Highlights panel draws in its first frame (issue 5:
 * the cards after the first batch are added in idle time). Everything the panel does must still
 * cover every card, drawn yet or not.
 */

let app: LaunchedApp
test.afterEach(async () => app?.close())

const COUNT = 150
const cards = (page: Page) => page.locator('aside [data-annotation-id]')

/** A long article (the samples' text, three times) with COUNT highlights in five colours, in text order. */
async function seed(dir: string): Promise<{ title: string; ids: string[] }> {
  const service = await openService(dir)
  try {
    const summaries = await service.listArticles()
    const articles = await Promise.all(summaries.map((summary) => service.getArticle({ id: summary.id })))
    const paragraphs = Array.from({ length: 3 }, () => articles.flatMap((article) => article.blocks.map((block) => block.text))).flat()
    const { article } = await service.editArticleText({ id: articles[0]!.id, text: paragraphs.join('\n\n') })
    const text = bodyText(article.blocks)
    const step = Math.floor(text.length / COUNT)
    const ids: string[] = []
    for (let i = 0; ids.length < COUNT; i++) {
      const start = i * step
      if (text.slice(start, start + 8).trim() === '') continue
      const created = await service.createAnnotation({ articleId: article.id, start, end: start + 8, color: HIGHLIGHT_COLORS[ids.length % HIGHLIGHT_COLORS.length]! })
      ids.push(created.id)
    }
    return { title: article.title, ids }
  } finally {
    await service.close()
  }
}

/** A fresh library holding the seeded article, opened in the app with that article shown. */
async function openSeededArticle() {
  const dir = await newDataDir()
  const { title, ids } = await seed(dir)
  app = await launchApp({ dataDir: dir })
  const { page } = app
  await page.getByRole('option', { name: title }).click()
  return { page, title, ids }
}

test('with 150 highlights every card arrives; Ctrl+A and the colour filter cover all of them; a highlight clicked in the text brings its card into view', async () => {
  const { page, ids } = await openSeededArticle()
  await expect(page.locator('aside').getByRole('status')).toHaveText(`${COUNT} highlights`)

  // Ctrl+A at once, whether or not the last cards are drawn yet: the count is of every card.
  await cards(page).first().getByRole('button').focus()
  await page.keyboard.press('Control+a')
  const bar = page.getByRole('group', { name: 'Selected highlights' })
  await expect(bar.getByRole('status')).toHaveText(`${COUNT} selected`)
  await expect(cards(page)).toHaveCount(COUNT)
  await expect(page.getByRole('checkbox', { name: /^Select: / })).toHaveCount(COUNT)
  await page.keyboard.press('Escape')
  await expect(bar).toBeHidden()

  // The last highlight, picked in the text: its card is marked and scrolled into the panel's view.
  const lastId = ids.at(-1)!
  const lastCard = page.locator(`aside [data-annotation-id="${lastId}"]`)
  await expect(lastCard).not.toBeInViewport()
  await page.locator(`main mark[data-ids~="${lastId}"]`).first().click()
  await expect(lastCard).toHaveClass(/selected/)
  await expect(lastCard).toBeInViewport()
  await screenshot(page, 'many-highlights-last-selected')
  await page.keyboard.press('Escape')

  // One colour in five: a fifth of the cards, and Ctrl+A takes exactly those.
  await page.getByRole('button', { name: 'Only Yellow' }).click()
  await expect(cards(page)).toHaveCount(COUNT / 5)
  await cards(page).first().getByRole('button').focus()
  await page.keyboard.press('Control+a')
  await expect(bar.getByRole('status')).toHaveText(`${COUNT / 5} selected`)
})

test('opening the article again, a highlight beyond the first batch of cards picked in the text at once has its card drawn, marked and in view', async () => {
  const { page, title, ids } = await openSeededArticle()
  await expect(cards(page)).toHaveCount(COUNT)
  await libraryRows(page).last().click()
  await page.getByRole('option', { name: title }).click()
  // Picked in the text as soon as the article is there: the card is drawn for it.
  const id = ids[120]!
  await page.locator(`main mark[data-ids~="${id}"]`).first().click()
  await expect(page.locator(`aside [data-annotation-id="${id}"]`)).toBeInViewport()
  await expect(page.locator(`aside [data-annotation-id="${id}"]`)).toHaveClass(/selected/)
  await expect(cards(page)).toHaveCount(COUNT)
  // Cards keep the text's order once all are in.
  await expect(cards(page).nth(120)).toHaveAttribute('data-annotation-id', id)
})
