import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows, newDataDir } from './harness'
import { selectInBlock } from './text-selection'

/**
 * The offline promise: a whole working session, and every request the page attempts (the harness
 * records them from the first load, failed ones included) stays on the app's own origin.
 *
 * Each step of the workflow is one entry below: read, import, annotate, search, compose, export,
 * back up.
 */
interface WorkflowStep {
  readonly name: string
  run(app: LaunchedApp): Promise<void>
}

async function openEveryArticle(page: Page): Promise<void> {
  const options = libraryRows(page)
  const count = await options.count()
  expect(count).toBeGreaterThan(0)
  for (let i = 0; i < count; i++) {
    await options.nth(i).click()
    await expect(page.locator('article h1')).toBeVisible()
    await expect(page.locator('article p[data-block]').first()).toBeVisible()
  }
}

export const OFFLINE_WORKFLOW: readonly WorkflowStep[] = [
  {
    name: 'open the app',
    run: async ({ page }) => {
      await expect(libraryRows(page)).toHaveCount(4)
      await page.evaluate(() => document.fonts.ready)
    },
  },
  { name: 'read every sample', run: ({ page }) => openEveryArticle(page) },
  {
    name: 'switch the language and read again',
    run: async ({ page }) => {
      await page.getByRole('radio', { name: 'Tiếng Việt' }).click()
      await expect(page.getByRole('heading', { name: 'Thư viện' })).toBeVisible()
      await openEveryArticle(page)
      await page.getByRole('radio', { name: 'English' }).click()
      await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible()
    },
  },
  {
    name: 'import a pasted article',
    run: async ({ page }) => {
      await page.evaluate((text) => {
        const data = new DataTransfer()
        data.setData('text/plain', text)
        data.setData('text/html', `<article><h1>Hợp tác nông nghiệp Việt Nam - Peru</h1><p>${text}</p><img src="https://example.com/photo.jpg" alt="ảnh"></article>`)
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
      }, 'Hai bên nhất trí thúc đẩy xuất khẩu nông sản và trao đổi kinh nghiệm canh tác lúa gạo trong năm tới.')
      const summary = page.getByRole('dialog', { name: 'Import finished' })
      await expect(summary).toContainText('1 article added')
      await page.keyboard.press('Escape')
      await expect(summary).toBeHidden()
    },
  },
  {
    name: 'highlight and tag a passage',
    run: async ({ page }) => {
      await page.getByRole('option', { name: /Thương mại hai chiều Việt Nam-Peru/ }).click()
      await expect(page.locator('main p[data-block="2"]')).toBeVisible()
      await selectInBlock(page, 2, 'kim ngạch', 'triệu USD')
      // The colour is clicked, as with a mouse: the keys 1-5 have specs of their own, and a key
      // pressed here could reach the article list, which kept the focus from the click above.
      const toolbar = page.getByRole('toolbar', { name: 'Highlight the selection' })
      await expect(toolbar).toBeVisible()
      await toolbar.getByRole('button').nth(1).click()
      await expect(page.locator('aside [data-annotation-id]')).toHaveCount(1)
      await page.keyboard.press('t')
      const input = page.getByRole('combobox', { name: 'Add a tag' })
      await input.fill('Trade')
      await input.press('Enter')
      await input.press('Escape')
      await page.keyboard.press('Escape')
      await expect(page.locator('aside [data-annotation-id]').first()).toContainText('Trade')
    },
  },
  {
    name: 'search without diacritics',
    run: async ({ page }) => {
      await page.keyboard.press('Control+k')
      const box = page.getByRole('combobox', { name: 'Search the library' })
      await box.fill('thuong mai ')
      await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toBeVisible()
      await box.press('Escape')
    },
  },
  {
    name: 'compose a brief and export it',
    run: async ({ page }) => {
      await page.keyboard.press('Control+3')
      await page.getByTestId('brief-template').selectOption('talking-points')
      await page.getByRole('button', { name: 'New brief from template' }).click()
      const source = page.getByTestId('passage-source')
      const trade = await source.locator('option', { hasText: '600 triệu USD' }).getAttribute('value')
      await source.selectOption(trade!)
      const panel = page.getByRole('region', { name: 'Add passages' })
      await panel.getByRole('checkbox', { name: /^kim ngạch/ }).check()
      await panel.getByRole('button', { name: /^Add/ }).click()
      await expect(page.getByTestId('brief-preview').locator('blockquote')).toContainText('600 triệu USD')
      await expect(page.getByTestId('save-status')).toHaveText('All changes saved')
      await page.getByRole('button', { name: 'Markdown' }).click()
      await expect(page.getByText(/^Exported to /)).toBeVisible()
      await page.keyboard.press('Control+1')
    },
  },
  {
    name: 'back up the library',
    run: async ({ page }) => {
      await page.getByRole('button', { name: 'Library actions' }).click()
      await page.getByRole('menuitem', { name: 'Back up library…' }).click()
      await expect(page.getByRole('status').filter({ hasText: 'Backup saved to' })).toBeVisible()
    },
  },
]

let app: LaunchedApp
test.afterEach(async () => app?.close())

test('a whole session requests nothing outside the app', async () => {
  // A whole session (import, highlight, tag, search, brief, exports, backup) on two loaded cores.
  test.setTimeout(240_000)
  const backupFile = join(await newDataDir(), 'offline.bdbackup')
  app = await launchApp({ dialogs: { saveFile: backupFile } })
  for (const step of OFFLINE_WORKFLOW) {
    await test.step(step.name, () => step.run(app))
  }
  expect(existsSync(backupFile)).toBe(true)
  const origin = new URL(app.page.url()).origin
  // The app did load its scripts, styles and fonts: the recording works.
  expect(app.requests.filter((url) => url.startsWith(origin)).length).toBeGreaterThan(3)
  expect(app.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([])
})
