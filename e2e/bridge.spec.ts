import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows } from './harness'

/**
 * window.api in the running app refuses what Electron's contextBridge refuses, in the page itself
 * (in Electron mode, the real preload answers the same calls). The Svelte 5 proxy case is
 * test/node/bridge-script.test.ts; the reader's tag field and the themes brief are the specs that
 * send once-proxied data through the real UI (annotations, briefs).
 */
let app: LaunchedApp
test.afterEach(async () => app?.close())

test('window.api refuses proxies, functions and class instances with Electron’s error, and copies what it passes', async () => {
  app = await launchApp()
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  const outcome = await page.evaluate(async () => {
    const refused = async (input: unknown) => {
      try {
        await window.api.updateSettings(input as never)
        return 'accepted'
      } catch (error) {
        return (error as Error).message
      }
    }
    class Settings {
      readerTextSize = 18
    }
    const input = { readerTextSize: 20 }
    const result = await window.api.updateSettings(input as never)
    return {
      proxy: await refused(new Proxy({ readerTextSize: 18 }, {})),
      nestedProxy: await refused({ markings: new Proxy(['Internal'], {}) }),
      fn: await refused({ readerTextSize: 18, onSaved: () => undefined }),
      instance: await refused(new Settings()),
      plainResult: result,
      copied: (result as { value?: unknown }).value !== input,
    }
  })
  expect(outcome.proxy).toBe('An object could not be cloned.')
  expect(outcome.nestedProxy).toBe('An object could not be cloned.')
  expect(outcome.fn).toBe('An object could not be cloned.')
  expect(outcome.instance).toBe('An object could not be cloned.')
  expect(outcome.plainResult).toMatchObject({ ok: true, value: { readerTextSize: 20 } })
  expect(outcome.copied).toBe(true)
})

test('a menu command reaches the page later, like an ipcRenderer message, and opens the import dialog', async () => {
  app = await launchApp()
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  await app.menuCommand('import')
  await expect(page.getByRole('dialog')).toBeVisible()
})
