import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { translate, type Locale } from '../src/common/i18n/translate'
import { launchApp, type LaunchedApp, libraryRows, newDataDir, REVIEW_SIZES, ROOT, screenshot } from './harness'
import { selectInBlock } from './text-selection'

/**
 * The first hour of a new user (issue 19), walked at the two window sizes we promise and in both
 * languages: import by paste and by file, highlight, tag and note, search without diacritics, a
 * brief from the theme laid out by a template and exported to all three formats, then a switch of
 * language and appearance, with a screenshot at each stop (test-results/screenshots/first-hour-*).
 * Labels come from the message catalogue, so the same walk reads the app in either language.
 */

let app: LaunchedApp
test.afterEach(async () => app?.close())
// Four walks, each starting the app and importing: room for a loaded machine.
test.setTimeout(180_000)

const FIXTURE = join(ROOT, 'test', 'fixtures', 'journey', 'vien-thong-headless.txt')
const HEADLESS = join(ROOT, 'test', 'fixtures', 'agency', 'headless-vi.txt')
const FILE_TITLE = 'Đại diện doanh nghiệp viễn thông Việt Nam tại Peru đã khánh thành tuyến cáp quang nối ba huyện vùng núi Cusco'
const NOTE = 'Cơ hội cho **Viettel/Bitel**'
const PASTE_TITLE = 'Thứ trưởng Bộ Công Thương Trần Minh Khoa đã dự Diễn đàn doanh nghiệp Việt Nam-Peru tại Lima'

const LANGUAGES = [
  { locale: 'en-GB', code: 'en', confirm: 'Confirm details', other: 'Tiếng Việt', otherCode: 'vi' },
  { locale: 'vi-VN', code: 'vi', confirm: 'Xác nhận thông tin', other: 'English', otherCode: 'en' },
] as const

async function pasteInto(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const data = new DataTransfer()
    data.setData('text/plain', text)
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}

async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, base64 }) => {
      const data = new DataTransfer()
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name))
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    },
    { name, base64: bytes.toString('base64') },
  )
}

/** The import summary is a dialog; it is closed with its last button (Close / Đóng). */
async function closeSummary(page: Page): Promise<void> {
  const summary = page.getByRole('dialog')
  await expect(summary).toBeVisible()
  await summary.getByRole('button').last().click()
  await expect(summary).toBeHidden()
}

/** The reading column and its toolbar, measured in the page. */
async function readerLayout(page: Page): Promise<{ column: number; toolsCut: boolean; headlineLines: number }> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!
    const tools = document.querySelector('main [role="toolbar"]')!
    const toolsBox = tools.getBoundingClientRect()
    const toolsCut = [...tools.querySelectorAll('button')].some((button) => {
      const box = button.getBoundingClientRect()
      return box.right > toolsBox.right + 1 || box.left < toolsBox.left - 1 || button.scrollWidth > button.clientWidth + 1
    })
    const h1 = main.querySelector('h1')!
    const headlineLines = Math.round(h1.getBoundingClientRect().height / parseFloat(getComputedStyle(h1).lineHeight))
    return { column: main.getBoundingClientRect().width, toolsCut, headlineLines }
  })
}

for (const size of REVIEW_SIZES) {
  for (const language of LANGUAGES) {
    const name = `${size.width}x${size.height}-${language.code}`
    test(`the first hour at ${size.width}×${size.height} in ${language.code}`, async () => {
      const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(language.code as Locale, key, params)
      // Every export's save dialog answers this path; each export is read before the next.
      const exported = join(await newDataDir(), 'brief-export')
      app = await launchApp({ locale: language.locale, dialogs: { saveFile: exported } })
      const { page } = app
      await page.setViewportSize(size)
      await expect(libraryRows(page)).toHaveCount(4)

      // Import by paste: a headline-less agency text gets a proposed title and source to confirm.
      await pasteInto(page, await readFile(HEADLESS, 'utf8'))
      await closeSummary(page)
      await expect(libraryRows(page)).toHaveCount(5)
      await page.getByRole('option', { name: new RegExp(PASTE_TITLE) }).click()
      await expect(page.locator('main h1')).toHaveText(PASTE_TITLE)
      await expect(page.getByRole('button', { name: language.confirm })).toBeVisible()
      await expect(page.locator('main')).toContainText('TTXVN')
      await screenshot(page, `first-hour-${name}-paste`)

      // Import by file (dropped on the window).
      await dropFile(page, 'vien-thong.txt', await readFile(FIXTURE))
      await closeSummary(page)
      await expect(libraryRows(page)).toHaveCount(6)
      await page.getByRole('option', { name: new RegExp(FILE_TITLE.slice(0, 40)) }).click()
      await expect(page.locator('main h1')).toHaveText(FILE_TITLE)

      // The reading column stays readable: a real column, a headline of a few lines, no tool cut off.
      const layout = await readerLayout(page)
      expect(layout.column).toBeGreaterThanOrEqual(440)
      expect(layout.headlineLines).toBeLessThanOrEqual(4)
      expect(layout.toolsCut).toBe(false)

      // Highlight with key 1, tag it with the starter theme typed without diacritics, then a note
      // (n, Ctrl+Enter saves it).
      await selectInBlock(page, 1, 'hợp tác viễn thông')
      // The selection's toolbar appears beside the reader's own before a colour key applies.
      await expect(page.locator('main [role="toolbar"]')).toHaveCount(2)
      await page.keyboard.press('1')
      await expect(page.locator('main mark', { hasText: 'hợp tác viễn thông' })).toHaveCount(1)
      await page.keyboard.press('t')
      const tagInput = page.getByRole('combobox', { name: t('annotation.tags.label') })
      await expect(tagInput).toBeFocused()
      await tagInput.fill('vien thong')
      const theme = language.code === 'en' ? 'Telecommunications' : 'Viễn thông'
      await expect(page.getByRole('listbox', { name: t('annotation.tags.suggestions') }).getByRole('option').first()).toHaveText(new RegExp(`^${theme}`))
      await tagInput.press('Enter')
      await expect(page.getByRole('list', { name: t('annotation.tags.current') }).first()).toContainText(theme)
      await tagInput.press('Escape')
      await page.keyboard.press('n')
      await page.getByRole('textbox').last().fill(NOTE)
      await page.keyboard.press('Control+Enter')
      await expect(page.locator('aside strong', { hasText: 'Viettel/Bitel' })).toBeVisible()
      await screenshot(page, `first-hour-${name}-highlight`)

      // A brief from that theme, laid out by the talking-points template: the passage goes into
      // the template's theme section with the note under it, and empty sections are left out.
      await page.locator('#view-tab-briefs').click()
      await page.getByTestId('brief-template').selectOption('talking-points')
      await page.locator('#view-tab-themes').click()
      await page.getByRole('treeitem', { name: new RegExp(`^${theme}`) }).click()
      await page.getByRole('button', { name: t('themes.briefFromTheme') }).click()
      const preview = page.getByTestId('brief-preview')
      await expect(preview.locator('blockquote', { hasText: 'hợp tác viễn thông' })).toBeVisible()
      await expect(preview.locator('.passage-comment')).toContainText('Viettel/Bitel')
      // The brief speaks its sources' language (Vietnamese here), whatever the interface's.
      await expect(preview.locator('h2', { hasText: 'Viễn thông' })).toBeVisible()
      await expect(preview.locator('h2', { hasText: 'Nguồn tham khảo' })).toBeVisible()
      await expect(preview.locator('h2', { hasText: 'Mục tiêu' })).toHaveCount(0)
      await screenshot(page, `first-hour-${name}-brief`)

      // All three exports, each read back: the passage and the note travel with the brief.
      for (const format of ['md', 'html', 'pdf'] as const) {
        await page.getByRole('button', { name: t(`briefs.export.${format}`), exact: true }).click()
        await expect(page.getByText(t('briefs.exported', { path: exported, format: t(`briefs.export.${format}`) }))).toBeVisible({ timeout: 60_000 })
        const text = format === 'pdf' ? execFileSync('pdftotext', ['-enc', 'UTF-8', exported, '-'], { encoding: 'utf8' }) : await readFile(exported, 'utf8')
        expect(text, format).toContain('hợp tác viễn thông')
        expect(text, format).toContain('Viettel/Bitel')
        expect(text, format).toContain(translate('vi', 'brief.md.sources'))
        if (format === 'html') expect(text).toMatch(/^<!DOCTYPE html>/i)
        if (format === 'pdf') expect((await readFile(exported)).subarray(0, 5).toString()).toBe('%PDF-')
      }
      await page.locator('#view-tab-library').click()

      // Search without diacritics finds the telecom article, with its syllables together.
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+k')
      const box = page.getByRole('combobox').first()
      await box.fill('vien thong')
      const results = page.getByRole('listbox').first()
      await expect(results.getByRole('option', { name: new RegExp(FILE_TITLE.slice(0, 30)) })).toBeVisible()
      await screenshot(page, `first-hour-${name}-search`)
      await box.fill('')
      await page.keyboard.press('Escape')

      // Language switch: the UI changes language, and no toast of the old language stays.
      await page.getByRole('radio', { name: language.other }).click()
      await expect(page.locator('html')).toHaveAttribute('lang', language.otherCode)
      await expect(page.locator('.toast')).toHaveCount(0)

      // Dark mode, chosen in the app and kept in the library's settings.
      await page.getByRole('radio', { name: language.code === 'en' ? 'Tối' : 'Dark' }).click()
      await expect(page.locator('html')).toHaveAttribute('data-appearance', 'dark')
      await screenshot(page, `first-hour-${name}-dark`)
      // The window shows the choice at once and saves it after: wait for the saved file to say it.
      const savedAppearance = async () => (JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')) as { settings: { appearance?: string } }).settings.appearance
      await expect.poll(savedAppearance, { timeout: 30_000 }).toBe('dark')
    })
  }
}
