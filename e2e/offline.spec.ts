import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { launchApp, newDataDir, type LaunchedApp } from './harness'

/**
 * The offline promise: a whole working session, and every request the page attempts (the harness
 * records them from the first load, failed ones included) stays on the app's own origin.
 *
 * Each step of the workflow is one entry below. Steps still to add as their features are merged:
 * import (paste and drop, issue 4), annotate (issue 5), search (issue 6), compose and export
 * (issue 7).
 */
interface WorkflowStep {
  readonly name: string
  run(app: LaunchedApp): Promise<void>
}

async function openEveryArticle(page: Page): Promise<void> {
  const options = page.getByRole('option')
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
      await expect(page.getByRole('option')).toHaveCount(4)
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
