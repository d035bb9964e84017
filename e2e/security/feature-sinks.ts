import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, expect } from '@playwright/test'
import type { Payload } from '../../test/fixtures/security/payloads'
import { BriefingService } from '../../src/node/service'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../src/node/browser-shell/browser-host'
import { launchApp, newDataDir, SAMPLES_DIR, scrollToArticle } from '../harness'
import type { SinkSession, XssSink } from './sinks'

/**
 * The sinks of the features built on the reader, import and briefs: the payloads are put in place
 * through the real service (as the UI would), the service is closed, and the app shows them.
 */

async function openService(dataDir: string): Promise<BriefingService> {
  return BriefingService.open({ libraryDir: dataDir, samplesDir: SAMPLES_DIR, shell: 'browser', version: 'e2e', systemLocale: 'en-GB' })
}

/** Each payload as the note of its own highlight in one article; shown by scrolling to its card. */
export const noteSink: XssSink = {
  name: 'note Markdown rendered in the reader side panel',
  accepts: () => true,
  async start(payloads) {
    const dataDir = await newDataDir()
    const service = await openService(dataDir)
    const [article] = await service.listArticles()
    const ids = new Map<number, string>()
    for (const [index, payload] of payloads.entries()) {
      const annotation = await service.createAnnotation({ articleId: article!.id, start: index, end: index + 5, color: 'yellow', note: payload.source })
      ids.set(payload.n, annotation.id)
    }
    await service.close()
    const app = await launchApp({ dataDir })
    await app.page.locator(`[data-article-id="${article!.id}"]`).click()
    await expect(app.page.locator('aside [data-annotation-id]').first()).toBeVisible()
    return session(app.page, new URL(app.page.url()).origin, async (payload) => {
      const card = app.page.locator(`aside [data-annotation-id="${ids.get(payload.n)}"]`)
      await card.scrollIntoViewIfNeeded()
      await expect(card).toBeVisible()
    }, () => app.close())
  },
}

/** Each payload pasted as HTML (with a plain-text twin), then opened in the reader. */
export const pastedHtmlSink: XssSink = {
  name: 'pasted HTML imported and opened in the reader',
  accepts: () => true,
  async start(payloads) {
    const dataDir = await newDataDir()
    const service = await openService(dataDir)
    const opened = new Map<number, string>()
    const refused = new Map<number, string>()
    for (const payload of payloads) {
      const html = `<html><head><title>Vector ${payload.n}</title></head><body><article><h1>Vector ${payload.n}</h1><p>Bài báo thử nghiệm số ${payload.n} về hợp tác Việt Nam - Peru.</p>${payload.source}<p>Đoạn cuối của bài ${payload.n}.</p></article></body></html>`
      const report = await service.importPaste({ text: `Vector ${payload.n}`, html })
      const id = report.added[0]?.id ?? report.duplicates[0]?.existingId
      if (id === undefined) refused.set(payload.n, report.failed[0]?.error.message ?? 'not imported')
      else opened.set(payload.n, id)
    }
    await service.close()
    const app = await launchApp({ dataDir })
    return session(app.page, new URL(app.page.url()).origin, async (payload) => {
      const id = opened.get(payload.n)
      if (id === undefined) return
      await scrollToArticle(app.page, id)
      await app.page.locator(`[data-article-id="${id}"]`).click()
      await expect(app.page.locator('article h1')).toBeVisible()
    }, () => app.close(), refused)
  },
}

/** One brief per payload, its first section's text being the payload: shown in the live preview. */
export const briefPreviewSink: XssSink = {
  name: 'brief Markdown in the live preview',
  accepts: () => true,
  async start(payloads) {
    const dataDir = await newDataDir()
    const service = await openService(dataDir)
    for (const payload of payloads) await briefWith(service, payload)
    await service.close()
    const app = await launchApp({ dataDir })
    await app.page.keyboard.press('Control+3')
    return session(app.page, new URL(app.page.url()).origin, async (payload) => {
      await app.page.getByRole('button', { name: new RegExp(`^Vector ${payload.n}\\b`) }).click()
      await expect(app.page.getByTestId('brief-preview')).toContainText(`Vector ${payload.n}`)
    }, () => app.close())
  },
}

/** One brief per payload exported as standalone HTML, each file opened in Chromium. */
export const htmlExportSink: XssSink = {
  name: 'HTML export opened in the browser',
  accepts: () => true,
  async start(payloads) {
    const dataDir = await newDataDir()
    const service = await openService(dataDir)
    const files = new Map<number, string>()
    for (const payload of payloads) {
      const brief = await briefWith(service, payload)
      const file = join(dataDir, `export-${payload.n}.html`)
      await service.exportBriefTo(brief.id, 'html', file, true)
      files.set(payload.n, file)
    }
    await service.close()
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS })
    const page = await browser.newPage()
    // The export must request nothing at all: the page's own origin is the opaque "null".
    return session(page, 'null', async (payload) => {
      await page.setContent(await readFile(files.get(payload.n)!, 'utf8'))
      await expect(page.locator('main.brief')).toContainText(`Vector ${payload.n}`)
    }, () => browser.close())
  },
}

async function briefWith(service: BriefingService, payload: Payload): Promise<{ id: string }> {
  const created = await service.createBrief({ title: `Vector ${payload.n}` })
  const section = { id: `sc_${payload.n.toString(16).padStart(16, '0')}`, heading: `Vector ${payload.n}`, body: payload.source, items: [] }
  const { id, title, occasion, date, audience, marking, templateId, createdAt, updatedAt } = created
  return service.updateBrief({ id, title, occasion, date, audience, marking, templateId, createdAt, updatedAt, sections: [section] })
}

function session(page: SinkSession['page'], origin: string, show: SinkSession['show'], close: () => Promise<void>, refused: ReadonlyMap<number, string> = new Map()): SinkSession {
  return { page, origin, refused, show, close }
}
