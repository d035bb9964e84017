import { expect, test } from '@playwright/test'
import { translate, type Locale } from '../src/common/i18n/translate'
import { CouchClient } from '../src/node/team/couch-client'
import { createTeamDatabase } from '../src/node/team/team-admin'
import { createUser, startTestServer, type TestServer } from '../test/team/team-server'
import { launchApp, type LaunchedApp, libraryRows, REVIEW_LOCALES, REVIEW_SIZES, screenshot } from './harness'

/**
 * The team library's dialog and status bar as a user sees them, for a person to review (not an
 * assertion of pixels): at the two window sizes we promise, in English and Vietnamese, light and
 * dark. PNGs go to test-results/screenshots/look-<size>-<lang>-<appearance>-team-*.png.
 * Skipped unless BRIEFING_SCREENSHOTS=1, like e2e/screenshots.spec.ts.
 */
test.skip(process.env['BRIEFING_SCREENSHOTS'] !== '1', 'set BRIEFING_SCREENSHOTS=1 to take the review screenshots')
test.setTimeout(300_000)

const PASSWORD = 'look-pw'

let server: TestServer
let app: LaunchedApp
test.beforeAll(async () => {
  server = await startTestServer()
  await createUser(server, 'minh', PASSWORD)
})
test.afterEach(async () => app?.close())
test.afterAll(async () => server?.stop())


let dbCount = 0
for (const code of ['en', 'vi'] as const) {
  for (const appearance of ['light', 'dark'] as const) {
    test(`the Team dialog and the sync status in ${code}, ${appearance}`, async () => {
      const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(code as Locale, key, params)
      const db = `look-${process.pid}-${++dbCount}`
      const client = new CouchClient({ url: server.url, credentials: { user: server.admin.user, password: server.admin.password } })
      await createTeamDatabase(client, db, ['minh']).finally(() => client.close())
      app = await launchApp({ locale: REVIEW_LOCALES[code], colorScheme: appearance })
      const { page } = app
      await expect(page.locator('html')).toHaveAttribute('data-appearance', appearance)
      const dialog = page.getByRole('dialog', { name: t('team.dialog.title') })

      for (const [index, size] of REVIEW_SIZES.entries()) {
        await page.setViewportSize(size)
        const at = (view: string) => `look-${size.width}x${size.height}-${code}-${appearance}-${view}`
        if (index === 0) {
          // The form, filled in, with the plain-http warning, and a refused password.
          await page.getByRole('button', { name: t('library.actions') }).click()
          await page.getByRole('menuitem', { name: t('library.team') }).click()
          await dialog.getByLabel(t('team.dialog.server')).fill(server.url)
          await dialog.getByLabel(t('team.dialog.db')).fill(db)
          await dialog.getByLabel(t('team.dialog.user')).fill('minh')
          await dialog.getByLabel(t('team.dialog.password'), { exact: true }).fill('wrong')
          await dialog.getByRole('button', { name: t('team.dialog.connect') }).click()
          await expect(dialog.getByRole('alert')).toBeVisible()
        }
        await screenshot(page, at('team-dialog'))
      }
      await dialog.getByLabel(t('team.dialog.password'), { exact: true }).fill(PASSWORD)
      await dialog.getByRole('button', { name: t('team.dialog.connect') }).click()
      await expect(page.getByTestId('team-status')).toHaveAttribute('data-state', 'synced')
      for (const size of REVIEW_SIZES) {
        await page.setViewportSize(size)
        const at = (view: string) => `look-${size.width}x${size.height}-${code}-${appearance}-${view}`
        await screenshot(page, at('team-connected'))
      }
      await dialog.getByRole('button', { name: t('team.dialog.cancel') }).click()
      await libraryRows(page).first().click()
      for (const size of REVIEW_SIZES) {
        await page.setViewportSize(size)
        await screenshot(page, `look-${size.width}x${size.height}-${code}-${appearance}-team-status`)
      }
    })
  }
}
