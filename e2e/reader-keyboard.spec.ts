import { expect, test, type Page } from '@playwright/test'
import { launchApp, screenshot, type LaunchedApp } from './harness'
import { selectInBlock } from './text-selection'

let app: LaunchedApp
test.afterEach(async () => app?.close())

const TRADE = /Thương mại hai chiều Việt Nam-Peru/
const FIGURES = 2 // "Theo số liệu … 600 triệu USD. Riêng quý I/2023 …"

const cards = (page: Page) => page.locator('aside [data-annotation-id]')
const editToolbar = (page: Page) => page.getByRole('toolbar', { name: 'Edit the highlight' })

async function highlight(page: Page, from: string, to: string, key: string): Promise<void> {
  const before = await cards(page).count()
  await selectInBlock(page, FIGURES, from, to)
  await expect(page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible()
  await page.keyboard.press(key)
  await expect(cards(page)).toHaveCount(before + 1)
  await page.keyboard.press('Escape')
}

/** The text of the focused element when it is a highlight's mark, else null. */
function focusedMark(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement
    return active instanceof HTMLElement && active.matches('main mark[data-focus-id]') ? active.textContent : null
  })
}

/** Presses Tab until a highlight has the focus (the reader's tool buttons come first). */
async function tabToHighlight(page: Page): Promise<string> {
  for (let press = 0; press < 12; press++) {
    await page.keyboard.press('Tab')
    const text = await focusedMark(page)
    if (text !== null) return text
  }
  throw new Error('Tab never reached a highlight')
}

test('highlights are reached with Tab in document order; Enter and Space open them, Delete removes with undo', async () => {
  app = await launchApp()
  const { page } = app
  await page.getByRole('option', { name: TRADE }).click()
  await expect(page.locator(`main p[data-block="${FIGURES}"]`)).toBeVisible()
  // Made out of order, overlapping and nested: Tab follows the text, not the order of creation.
  await highlight(page, '600 triệu', 'Riêng quý', '3') // blue, crossing the green one's end
  await highlight(page, 'kim ngạch', 'triệu USD', '2') // green, the outer one
  await highlight(page, 'Việt Nam', 'Peru', '4') // pink, nested in the green one

  await page.getByRole('button', { name: 'Find' }).focus()
  expect(await tabToHighlight(page)).toMatch(/^kim ngạch/)
  // The focus ring is drawn (the app's --focus colour, not the browser's default).
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!)
    return { style: style.outlineStyle, width: style.outlineWidth }
  })
  expect(ring).toEqual({ style: 'solid', width: '2px' })
  await screenshot(page, 'reader-keyboard-focus')

  await page.keyboard.press('Tab')
  expect(await focusedMark(page)).toBe('Việt Nam và Peru')
  await page.keyboard.press('Enter')
  await expect(editToolbar(page).getByRole('button', { name: 'Pink (key 4)' })).toHaveAttribute('aria-pressed', 'true')
  // The toolbar's keys act on the highlight opened from the keyboard, as after a click.
  await page.keyboard.press('5')
  await expect(page.locator('main mark[data-focus-id]', { hasText: /^Việt Nam và Peru$/ })).toHaveAttribute('data-color', 'purple')
  // Redrawing the paragraph kept the keyboard's place.
  expect(await focusedMark(page)).toBe('Việt Nam và Peru')
  await page.keyboard.press('Escape')
  await expect(editToolbar(page)).toHaveCount(0)

  await page.keyboard.press('Tab')
  expect(await focusedMark(page)).toMatch(/^600 triệu/)
  await page.keyboard.press(' ')
  await expect(editToolbar(page).getByRole('button', { name: 'Blue (key 3)' })).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('Escape')

  // Delete removes the focused highlight; the focus stays in the text; undo brings it back.
  await page.keyboard.press('Shift+Tab')
  expect(await focusedMark(page)).toBe('Việt Nam và Peru')
  await page.keyboard.press('Delete')
  await expect(cards(page)).toHaveCount(2)
  await expect(page.locator('main mark', { hasText: /^Việt Nam và Peru$/ })).toHaveCount(0)
  expect(await focusedMark(page)).not.toBeNull()
  await page.keyboard.press('Control+z')
  await expect(cards(page)).toHaveCount(3)
  await expect(page.locator('main mark', { hasText: /^Việt Nam và Peru$/ })).toHaveAttribute('data-color', 'purple')
})
