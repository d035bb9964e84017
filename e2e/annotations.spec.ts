import { expect, test, type Page } from '@playwright/test'
import { launchApp, screenshot, type LaunchedApp } from './harness'
import { selectBetween, selectInBlock } from './text-selection'

let app: LaunchedApp
test.afterEach(async () => app?.close())

const TRADE = /Thương mại hai chiều Việt Nam-Peru/
const FIGURES = 2 // "Theo số liệu … 600 triệu USD. Riêng quý I/2023 …"

async function openTrade(page: Page): Promise<void> {
  await page.getByRole('option', { name: TRADE }).click()
  await expect(page.locator(`main p[data-block="${FIGURES}"]`)).toBeVisible()
}

const marks = (page: Page) => page.locator('main mark')
const cards = (page: Page) => page.locator('aside [data-annotation-id]')
const editToolbar = (page: Page) => page.getByRole('toolbar', { name: 'Edit the highlight' })

async function highlight(page: Page, block: number, from: string, to: string, key: string): Promise<void> {
  const before = await cards(page).count()
  await selectInBlock(page, block, from, to)
  await expect(page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible()
  await page.keyboard.press(key)
  await expect(cards(page)).toHaveCount(before + 1)
}

test('select text, press 2: a green highlight appears, and is still there after a reload', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  const paragraph = page.locator(`main p[data-block="${FIGURES}"]`)
  const original = await paragraph.textContent()

  await highlight(page, FIGURES, 'kim ngạch', 'triệu USD', '2')
  const mark = marks(page).first()
  await expect(mark).toHaveText('kim ngạch thương mại hai chiều giữa Việt Nam và Peru đã đạt khoảng 600 triệu USD')
  await expect(mark).toHaveAttribute('data-color', 'green')
  // Splitting the paragraph into runs changes nothing in its text.
  await expect(paragraph).toHaveText(original!)
  await expect(cards(page).first()).toContainText('kim ngạch thương mại')
  await screenshot(page, 'annotations-green')

  await page.reload()
  await openTrade(page)
  await expect(marks(page)).toHaveCount(1)
  await expect(marks(page).first()).toHaveText('kim ngạch thương mại hai chiều giữa Việt Nam và Peru đã đạt khoảng 600 triệu USD')
  await expect(marks(page).first()).toHaveAttribute('data-color', 'green')
})

test('a mouse selection shows the toolbar; its swatch creates the highlight', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  const word = page.locator(`main p[data-block="${FIGURES}"]`)
  const box = (await word.boundingBox())!
  // Drag across the first line of the paragraph.
  await page.mouse.move(box.x + 2, box.y + 10)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.6, box.y + 10, { steps: 5 })
  await page.mouse.up()
  const toolbar = page.getByRole('toolbar', { name: 'Highlight the selection' })
  await expect(toolbar).toBeVisible()
  const selected = await page.evaluate(() => document.getSelection()!.toString())
  expect(selected.length).toBeGreaterThan(5)
  await toolbar.getByRole('button', { name: 'Blue (key 3)' }).click()
  await expect(marks(page)).toHaveCount(1)
  await expect(marks(page).first()).toHaveText(selected)
  await expect(marks(page).first()).toHaveAttribute('data-color', 'blue')
})

test('a selection from a caption into the body highlights only body text; one inside a caption is refused', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  await selectBetween(page, 'main figure figcaption', 'main p[data-block="1"]', 'Từ ngày 17')
  // The colour keys act on the selection once its toolbar is up (as in highlight() above).
  await expect(page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible()
  await page.keyboard.press('1')
  await expect(marks(page)).toHaveCount(1)
  await expect(marks(page).first()).toHaveText('Từ ngày 17')

  await page.keyboard.press('Escape')
  await page.locator('main figure figcaption').dblclick()
  await page.waitForTimeout(150)
  await expect(page.getByRole('toolbar', { name: 'Highlight the selection' })).toHaveCount(0)
  await page.keyboard.press('2')
  await expect(marks(page)).toHaveCount(1)
})

test('overlapping and nested highlights render mixed and each stays clickable', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  await highlight(page, FIGURES, 'kim ngạch', 'triệu USD', '2') // outer, green
  await page.keyboard.press('Escape')
  await highlight(page, FIGURES, 'Việt Nam', 'Peru', '4') // nested inside it, pink
  await page.keyboard.press('Escape')
  await highlight(page, FIGURES, '600 triệu', 'Riêng quý', '3') // crossing the outer's end, blue
  await page.keyboard.press('Escape')

  const overlap = page.locator('main mark.overlap')
  await expect(overlap).toHaveCount(2)
  await expect(overlap.first()).toHaveText('Việt Nam và Peru')
  // The overlap's colour is neither of its highlights' own colours.
  const colours = await page.evaluate(() => [...document.querySelectorAll('main mark')].map((mark) => getComputedStyle(mark).backgroundColor))
  expect(new Set(colours).size).toBeGreaterThanOrEqual(4)

  // A click on the nested run selects the innermost highlight (pink)…
  await page.locator('main mark', { hasText: /^Việt Nam và Peru$/ }).click()
  await expect(editToolbar(page).getByRole('button', { name: 'Pink (key 4)' })).toHaveAttribute('aria-pressed', 'true')
  // …a click on the outer highlight's own text selects it (green)… (Escape first: the toolbar
  // above the nested highlight covers the line before it.)
  await page.keyboard.press('Escape')
  await page.locator('main mark', { hasText: /^kim ngạch/ }).click()
  await expect(editToolbar(page).getByRole('button', { name: 'Green (key 2)' })).toHaveAttribute('aria-pressed', 'true')
  // …and the crossing one too.
  await page.keyboard.press('Escape')
  await page.locator('main mark', { hasText: /^\. Riêng quý$/ }).click()
  await expect(editToolbar(page).getByRole('button', { name: 'Blue (key 3)' })).toHaveAttribute('aria-pressed', 'true')
  await screenshot(page, 'annotations-overlap')
})

test('a note with hostile Markdown renders inert', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  await highlight(page, FIGURES, 'kim ngạch', 'Peru', '1')
  await page.keyboard.press('n')
  const note = page.getByRole('textbox', { name: 'Note (Markdown)' })
  await expect(note).toBeFocused()
  await note.fill('**Key** <img src=x onerror="window.__pwned = 1"> [click](javascript:window.__pwned=2) <script>window.__pwned=3</script>')
  await page.getByRole('button', { name: 'Preview' }).click()
  const preview = page.getByTestId('note-preview')
  await expect(preview.locator('strong')).toHaveText('Key')
  await page.getByRole('button', { name: 'Save note' }).click()

  const card = cards(page).first()
  await expect(card.locator('strong')).toHaveText('Key')
  const link = card.getByText('click')
  await expect(link).toBeVisible()
  expect(await link.getAttribute('href')).toBeNull()
  await link.click()
  expect(await page.evaluate(() => document.querySelectorAll('[onerror], script:not([src])').length)).toBe(0)
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
})

test('tags: create one on the fly, then find it by typing without diacritics', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  await highlight(page, FIGURES, 'kim ngạch', 'Peru', '1')
  await page.keyboard.press('t')
  const input = page.getByRole('combobox', { name: 'Add a tag' })
  await expect(input).toBeFocused()
  await input.fill('Học bổng')
  await expect(page.getByRole('option', { name: 'Create the tag “Học bổng”' })).toBeVisible()
  await input.press('Enter')
  await input.fill('Lúa gạo')
  await input.press('Enter')
  const chips = page.getByRole('list', { name: 'Tags' }).first().getByRole('listitem')
  await expect(chips).toHaveText(['Học bổng×', 'Lúa gạo×'].map((text) => new RegExp(text.replace('×', '\\s*×'))))
  // Backspace in the empty field removes the last chip.
  await input.press('Backspace')
  await expect(chips).toHaveCount(1)
  await input.press('Escape')
  await page.keyboard.press('Escape')
  await expect(cards(page).first().getByRole('listitem')).toHaveText(['Học bổng'])

  // A second highlight: "hoc" suggests the existing tag; Down/Up move, Enter picks.
  await highlight(page, 3, 'giày dép', 'xi măng', '2')
  await page.keyboard.press('t')
  await input.fill('HOC')
  const options = page.getByRole('listbox', { name: 'Matching tags' }).getByRole('option')
  await expect(options).toHaveText(['Học bổng', 'Create the tag “HOC”'])
  await input.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await input.press('ArrowUp')
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
  await input.press('Enter')
  await expect(chips).toHaveCount(1)
  await expect(chips.first()).toContainText('Học bổng')
  await screenshot(page, 'annotations-tags')
  await input.press('Escape')
  await page.keyboard.press('Escape')
  await expect(cards(page).nth(1).getByRole('listitem')).toHaveText(['Học bổng'])
})

test('clicking a highlight in the side panel scrolls to its passage and flashes it', async () => {
  app = await launchApp()
  const { page } = app
  await page.setViewportSize({ width: 1280, height: 600 })
  await openTrade(page)
  const last = await page.locator('main p[data-block]').count()
  await page.locator(`main p[data-block="${last - 1}"]`).scrollIntoViewIfNeeded()
  const lastText = (await page.locator(`main p[data-block="${last - 1}"]`).textContent())!.slice(0, 20)
  await highlight(page, last - 1, lastText, lastText, '5')
  await page.keyboard.press('Escape')
  await page.locator('main .scroller').evaluate((scroller) => (scroller.scrollTop = 0))
  const mark = marks(page).first()
  await expect(mark).not.toBeInViewport()

  await cards(page).first().getByRole('button').click()
  await expect(mark).toBeInViewport()
  await expect(mark).toHaveClass(/flash/)
  await expect(mark).not.toHaveClass(/flash/, { timeout: 3000 })
})

test('the side panel filters by colour and by tag, and counts', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  await highlight(page, FIGURES, 'kim ngạch', 'Peru', '2')
  await page.keyboard.press('Escape')
  await highlight(page, 3, 'giày dép', 'xi măng', '1')
  await page.keyboard.press('t')
  await page.getByRole('combobox', { name: 'Add a tag' }).fill('CPTPP')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await highlight(page, 1, 'Đại sứ', 'Kim Hoa', '2')
  await page.keyboard.press('Escape')

  const panel = page.getByRole('complementary')
  await expect(panel.getByText('3 highlights')).toBeVisible()
  // Document order.
  await expect(cards(page)).toHaveText([/^Đại sứ/, /^kim ngạch/, /^giày dép/])
  await panel.getByRole('button', { name: 'Only Green' }).click()
  await expect(cards(page)).toHaveCount(2)
  await expect(panel.getByText('2 of 3 highlights')).toBeVisible()
  await panel.getByRole('button', { name: 'Only Green' }).click()
  await expect(cards(page)).toHaveCount(3)
  await panel.getByRole('combobox', { name: 'Show one tag' }).selectOption({ label: 'CPTPP' })
  await expect(cards(page)).toHaveText([/^giày dép/])
  await panel.getByRole('button', { name: 'Only Green' }).click()
  await expect(cards(page)).toHaveCount(0)
  await expect(panel.getByText('No highlight matches these filters.')).toBeVisible()
  await panel.getByRole('button', { name: 'Show all' }).click()
  await expect(cards(page)).toHaveCount(3)
})

test('undo and redo: create, recolour, note, delete', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  await highlight(page, FIGURES, 'kim ngạch', 'Peru', '2')
  const mark = marks(page).first()

  await page.keyboard.press('Control+z')
  await expect(marks(page)).toHaveCount(0)
  await page.keyboard.press('Control+Shift+z')
  await expect(marks(page)).toHaveCount(1)

  await mark.click()
  await expect(editToolbar(page)).toBeVisible()
  await page.keyboard.press('5')
  await expect(mark).toHaveAttribute('data-color', 'purple')
  await page.keyboard.press('Control+z')
  await expect(mark).toHaveAttribute('data-color', 'green')
  await page.keyboard.press('Control+Shift+z')
  await expect(mark).toHaveAttribute('data-color', 'purple')

  await mark.click()
  await page.keyboard.press('n')
  await page.getByRole('textbox', { name: 'Note (Markdown)' }).fill('First note')
  await page.keyboard.press('Control+Enter')
  await expect(cards(page).first()).toContainText('First note')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+z')
  await expect(cards(page).first()).not.toContainText('First note')

  await mark.click()
  await page.keyboard.press('Delete')
  await expect(marks(page)).toHaveCount(0)
  await expect(cards(page)).toHaveCount(0)
  await page.keyboard.press('Control+z')
  await expect(marks(page)).toHaveCount(1)
  await expect(marks(page).first()).toHaveAttribute('data-color', 'purple')

  // What undo restored is in the library, not only on screen.
  await page.reload()
  await openTrade(page)
  await expect(marks(page)).toHaveCount(1)
  await expect(marks(page).first()).toHaveAttribute('data-color', 'purple')
})

test('tagging a highlight suggests themes from the taxonomy, and tags only what the user picks', async () => {
  app = await launchApp()
  const { page } = app
  await openTrade(page)
  await highlight(page, FIGURES, 'kim ngạch', 'triệu USD', '1')
  await page.keyboard.press('t')
  const suggested = page.getByRole('group', { name: 'Suggested themes' })
  await expect(suggested.getByRole('button', { name: 'Trade' })).toBeVisible()
  // Suggested is not tagged: the highlight has no tag until a suggestion is chosen.
  const chips = page.getByRole('list', { name: 'Tags' }).first().getByRole('listitem')
  await expect(chips).toHaveCount(0)
  await suggested.getByRole('button', { name: 'Trade' }).click()
  await expect(chips).toHaveText([/Trade\s*×/])
  await expect(suggested).toHaveCount(0)
  await screenshot(page, 'annotations-theme-suggestions')
})
