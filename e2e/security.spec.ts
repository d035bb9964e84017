import { expect, test } from '@playwright/test'
import { apiMethodNames } from '../src/common/api-methods'
import { launchApp, type LaunchedApp, libraryRows } from './harness'

let app: LaunchedApp
test.afterEach(async () => app?.close())

test('the page makes no request outside loopback', async () => {
  app = await launchApp()
  const { page } = app
  await libraryRows(page).first().click()
  await expect(page.locator('article h1')).toBeVisible()
  await page.evaluate(() => document.fonts.ready)
  expect(app.requests.length).toBeGreaterThan(2)
  const appOrigin = new URL(page.url()).origin
  for (const url of app.requests) {
    expect(new URL(url).origin, url).toBe(appOrigin)
  }
})

test('the renderer has no Node: no require, no process, no module', async () => {
  app = await launchApp()
  const globals = await app.page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>)['require'],
    process: typeof (globalThis as Record<string, unknown>)['process'],
    module: typeof (globalThis as Record<string, unknown>)['module'],
    Buffer: typeof (globalThis as Record<string, unknown>)['Buffer'],
  }))
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' })
})

test('window.api exposes named functions only, frozen', async () => {
  app = await launchApp()
  const shape = await app.page.evaluate(() => ({
    names: Object.keys(window.api).sort(),
    allFunctions: Object.values(window.api).every((value) => typeof value === 'function'),
    frozen: Object.isFrozen(window.api),
  }))
  expect(shape).toEqual({
    names: [...apiMethodNames].sort(),
    allFunctions: true,
    frozen: true,
  })
})

test('malformed API input is refused with a clear error, and nothing changes', async () => {
  app = await launchApp()
  const results = await app.page.evaluate(async () => {
    const api = window.api as unknown as Record<string, (input?: unknown) => Promise<unknown>>
    return {
      badId: await api['getArticle']!({ id: '../../etc/passwd' }),
      extraKey: await api['updateSettings']!({ locale: 'vi', evil: true }),
      badLocale: await api['updateSettings']!({ locale: 'fr' }),
      unexpectedInput: await api['listArticles']!({ all: true }),
      settings: await api['getSettings']!(),
    }
  })
  for (const key of ['badId', 'extraKey', 'badLocale', 'unexpectedInput'] as const) {
    expect(results[key], key).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
  }
  expect(results.badId).toMatchObject({ error: { message: expect.stringContaining('getArticle') } })
  expect(results.settings).toEqual({ ok: true, value: { locale: null, markings: [] } })
})

test('the CSP blocks inline scripts and styles', async () => {
  app = await launchApp()
  const { page } = app
  const blocked = await page.evaluate(async () => {
    const seen: string[] = []
    // The violation reports arrive as events after the appends: wait for both, not for a delay.
    const bothReported = new Promise<void>((resolve) =>
      document.addEventListener('securitypolicyviolation', (event) => {
        seen.push(event.violatedDirective)
        if (seen.includes('script-src-elem') && seen.includes('style-src-elem')) resolve()
      }),
    )
    const script = document.createElement('script')
    script.textContent = 'window.__inlineRan = true'
    document.body.append(script)
    const style = document.createElement('style')
    style.textContent = 'body { color: red }'
    document.head.append(style)
    await bothReported
    return { seen, ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true }
  })
  expect(blocked.ran).toBe(false)
  expect(blocked.seen).toEqual(expect.arrayContaining(['script-src-elem', 'style-src-elem']))
})
