import { test } from '@playwright/test'
import { launchApp } from './harness'

test('look', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const app = await launchApp({ colorScheme, locale: 'vi' } as Parameters<typeof launchApp>[0])
    const { page } = app
    await page.setViewportSize({ width: 1400, height: 860 })
    await page.getByRole('option').nth(1).click()
    await page.waitForTimeout(500)
    // select a passage and press 2
    await page.evaluate(() => {
      const p = document.querySelector('p[data-block="1"]')!
      const range = document.createRange()
      const text = p.firstChild?.firstChild ?? p.firstChild!
      range.setStart(text, 0)
      range.setEnd(text, Math.min(60, text.textContent!.length))
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
      p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
    })
    await page.waitForTimeout(300)
    await page.screenshot({ path: `/tmp/look-${colorScheme}-toolbar.png` })
    await page.keyboard.press('2')
    await page.waitForTimeout(500)
    await page.screenshot({ path: `/tmp/look-${colorScheme}.png` })
    await app.close()
  }
})
