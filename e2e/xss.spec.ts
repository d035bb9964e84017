import { expect, test } from '@playwright/test'
import { PAYLOADS, payloadByNumber } from '../test/fixtures/security/payloads'
import { attachProbe } from './security/probe'
import { serveMarkdownPage } from './security/markdown-page'
import { XSS_SINKS } from './security/sinks'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../src/node/browser-shell/browser-host'

/**
 * Every payload of the corpus through every sink (e2e/security/sinks.ts): the canary is never set,
 * no dialog opens, and the page requests nothing outside its own origin.
 */
for (const sink of XSS_SINKS) {
  test(`no payload runs or reaches the network: ${sink.name}`, async () => {
    test.setTimeout(300_000)
    const payloads = PAYLOADS.filter((payload) => sink.accepts(payload))
    const session = await sink.start(payloads)
    try {
      const probe = attachProbe(session.page)
      for (const payload of payloads) {
        await session.show(payload)
        const canary = await probe.canary()
        expect(canary, `${payload.id} set the canary`).toBeNull()
      }
      // Give late handlers (image errors, animations, timers in frames) their chance.
      await session.page.waitForTimeout(1000)
      const canary = await probe.canary()
      expect(canary === null ? null : `${String(canary)} (${payloadByNumber(Number(canary))?.id})`).toBeNull()
      expect(probe.dialogs).toEqual([])
      expect(probe.foreignRequests(session.origin)).toEqual([])
      // The payloads really reached the screen: a sink that refused them all would prove nothing.
      expect([...session.refused.entries()]).toEqual([])
    } finally {
      await session.close()
    }
  })
}

test('the probe sees a payload that runs, its dialog and its request (control)', async () => {
  const server = await serveMarkdownPage()
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    await page.goto(`${server.origin}/`)
    const probe = attachProbe(page)
    const [handler, alert, remote] = [PAYLOADS.find((p) => p.id === 'img-onerror')!, PAYLOADS.find((p) => p.id === 'img-onerror-alert')!, PAYLOADS.find((p) => p.id === 'img-remote')!]
    // Inserted raw, without renderMarkdown: exactly what the sinks must prevent.
    await page.evaluate((html) => (document.getElementById('out')!.innerHTML = html), handler.source + alert.source + remote.source)
    await expect.poll(() => probe.canary()).toBe(handler.n)
    await expect.poll(() => probe.dialogs.length).toBe(1)
    await expect.poll(() => probe.foreignRequests(server.origin)).toEqual([`http://canary.invalid/${remote.n}.png`])
  } finally {
    await browser.close()
    await server.close()
  }
})
