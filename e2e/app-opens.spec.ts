import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows, screenshot } from './harness'

let app: LaunchedApp
test.afterEach(async () => app?.close())

test('opens on the sample library with nothing blocked by the CSP', async () => {
  app = await launchApp()
  const { page } = app
  const violations: string[] = []
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text))
  await page.evaluate(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    ),
  )
  await page.reload()

  const items = libraryRows(page)
  await expect(items).toHaveCount(4)
  await expect(page.getByText('4 articles')).toBeVisible()
  // Newest first: the APEC article (2024-11-12) leads, the trade article (2023-04-24) closes.
  await expect(items.first()).toContainText('Từ APEC 2024 tại Lima đến năm chủ nhà APEC 2027 của Việt Nam')
  await expect(items.last()).toContainText('Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD')
  await expect(page.getByRole('main')).toContainText('No article open')
  await expect(page.getByRole('tab', { name: 'Highlights' })).toHaveAttribute('aria-selected', 'true')

  await screenshot(page, 'library-light')
  expect(violations).toEqual([])
})

test('renders every Vietnamese letter from the bundled Noto fonts, never a fallback', async () => {
  app = await launchApp()
  const { page } = app
  await page.getByRole('option', { name: /Tham vấn chính trị/ }).click()
  await expect(page.locator('article h1')).toBeVisible()
  await page.evaluate(() => document.fonts.ready)

  // Ask Chromium which platform fonts actually drew each node's glyphs.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const { root } = await cdp.send('DOM.getDocument')
  const fontsOf = async (selector: string) => {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    // isCustomFont: a web font the page loaded (ours), not a font installed on the system.
    return [...new Set(fonts.map((font) => `${font.familyName}${font.isCustomFont ? '' : ' (system)'}`))]
  }
  const serif = [expect.stringMatching(/^Noto Serif( Bold)?$/)]
  const sans = [expect.stringMatching(/^Noto Sans( SemiBold)?$/)]
  expect(await fontsOf('article h1')).toEqual(serif)
  expect(await fontsOf('article p[data-block="0"]')).toEqual(serif)
  expect(await fontsOf('article figcaption')).toEqual(sans)
  expect(await fontsOf('[role="option"][aria-selected="true"] .title')).toEqual(sans)
})
