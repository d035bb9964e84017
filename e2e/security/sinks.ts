import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, expect, type Page } from '@playwright/test'
import type { Article } from '../../src/common/model/article'
import { importFile } from '../../src/node/import/import-file'
import { LibraryStore } from '../../src/node/store/library-store'
import type { Payload } from '../../test/fixtures/security/payloads'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../src/node/browser-shell/browser-host'
import { launchApp, libraryRows, newDataDir, scrollToArticle } from '../harness'
import { briefPreviewSink, htmlExportSink, noteSink, pastedHtmlSink } from './feature-sinks'
import { serveMarkdownPage } from './markdown-page'
import { payloadDocx, payloadHtml, payloadMarkdown, payloadPdfs, payloadText } from './payload-documents'

/**
 * Every place where text from outside (an imported article, a note, a pasted page, a brief) ends
 * up in front of the user. e2e/xss.spec.ts sends every payload of the corpus through every sink
 * and checks that none runs, opens a dialog or makes a request outside the page's origin.
 *
 * To cover a new sink, add ONE entry to XSS_SINKS: how to put the payloads where the sink reads
 * them (start) and how to bring one of them on screen (show). The sinks of the reader, import and
 * briefs features are in feature-sinks.ts. The PDF export is the HTML export printed with
 * JavaScript off; its text layer is checked in test/briefs/export.test.ts.
 */
export interface SinkSession {
  /** The page on which the sink shows content; the probe watches it. */
  readonly page: Page
  /** The one origin this page may request from. */
  readonly origin: string
  /** Payloads the sink refused before they reached the screen (e.g. an import with no text). */
  readonly refused: ReadonlyMap<number, string>
  /** Brings one payload on screen; resolves once it is shown. */
  show(payload: Payload): Promise<void>
  close(): Promise<void>
}

export interface XssSink {
  readonly name: string
  /** The payloads that make sense for this sink (Markdown forms only where Markdown is parsed). */
  accepts(payload: Payload): boolean
  start(payloads: readonly Payload[]): Promise<SinkSession>
}

const everyPayload = () => true

type FileMaker = (payload: Payload) => { extension: string; content: string | Promise<Buffer> }

/** A file per payload imported through src/node/import, then each article opened in the reader. */
function importedArticleSink(name: string, makeFile: FileMaker, accepts: (payload: Payload) => boolean = everyPayload): XssSink {
  return {
    name,
    accepts,
    async start(payloads) {
      const folder = await newDataDir()
      const dataDir = join(folder, 'library')
      const articles = new Map<number, Article>()
      const refused = new Map<number, string>()
      // Payloads that the reader strips leave identical articles: the library keeps one of each
      // (import deduplicates by content hash), and showing it stands for every such payload.
      const byHash = new Map<string, Article>()
      const now = new Date('2026-01-01T00:00:00Z')
      for (const payload of payloads) {
        const { extension, content } = makeFile(payload)
        const file = join(folder, `vector-${payload.n}${extension}`)
        await writeFile(file, await content)
        const outcome = await importFile(file, { now })
        if (!outcome.ok) {
          refused.set(payload.n, outcome.error.message)
          continue
        }
        const kept = byHash.get(outcome.article.contentHash) ?? outcome.article
        byHash.set(kept.contentHash, kept)
        articles.set(payload.n, kept)
      }
      const store = await LibraryStore.open(dataDir)
      await store.initialize()
      await store.addArticles([...byHash.values()])
      await store.close()

      const app = await launchApp({ dataDir })
      // The list is virtualised: it says how many articles it holds, and shows a window of them.
      await expect(libraryRows(app.page).first()).toHaveAttribute('aria-setsize', String(byHash.size))
      return {
        page: app.page,
        origin: new URL(app.page.url()).origin,
        refused,
        async show(payload) {
          const article = articles.get(payload.n)
          if (article === undefined) return
          await scrollToArticle(app.page, article.id)
          await app.page.locator(`[data-article-id="${article.id}"]`).click()
          await expect(app.page.locator('article h1')).toHaveText(article.title)
        },
        close: () => app.close(),
      }
    },
  }
}

/** PDFs need a browser to print them: printed first, then imported like any other file. */
function importedPdfSink(name: string): XssSink {
  return {
    name,
    accepts: everyPayload,
    async start(payloads) {
      const pdfs = await payloadPdfs(payloads)
      return importedArticleSink(name, (payload) => ({ extension: '.pdf', content: Promise.resolve(pdfs.get(payload.n)!) })).start(payloads)
    },
  }
}

/** src/ui/lib/markdown.ts renderMarkdown run in Chromium, its output inserted into the page. */
const renderedMarkdownSink: XssSink = {
  name: 'Markdown rendered by renderMarkdown (no CSP)',
  accepts: everyPayload,
  async start() {
    const server = await serveMarkdownPage()
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS })
    const page = await browser.newPage()
    await page.goto(`${server.origin}/`)
    return {
      page,
      origin: server.origin,
      refused: new Map(),
      async show(payload) {
        const unsafe = await page.evaluate(insertRenderedMarkdown, payload.source)
        expect(unsafe, `${payload.id}: what the sanitiser let through`).toEqual([])
      },
      async close() {
        await browser.close()
        await server.close()
      },
    }
  },
}

/**
 * Runs in the page: renders the Markdown, inserts it, and lists anything in the result that could
 * run or fetch: script-capable elements, event handler or style attributes, script URLs anywhere,
 * and resource URLs (src, poster, srcset...) outside the document.
 */
function insertRenderedMarkdown(markdown: string): string[] {
  const render = (window as unknown as { briefingDeskMarkdown: { renderMarkdown: (markdown: string) => string } }).briefingDeskMarkdown.renderMarkdown
  const section = document.createElement('section')
  section.innerHTML = render(markdown)
  document.getElementById('out')!.append(section)
  const unsafe: string[] = []
  const forbiddenElements = 'script, iframe, frame, frameset, object, embed, applet, base, meta, link, style, svg, math, form, input, button, textarea, select, template, noscript, portal, fencedframe'
  for (const element of section.querySelectorAll(forbiddenElements)) unsafe.push(`<${element.localName}>`)
  const resourceAttributes = new Set(['src', 'srcset', 'poster', 'background', 'data', 'lowsrc', 'dynsrc', 'ping', 'action', 'formaction', 'xlink:href'])
  for (const element of section.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase()
      // What a browser would see as the URL: control characters and whitespace ignored.
      const value = attribute.value.replace(/[\p{Cc}\s]/gu, '').toLowerCase()
      if (name.startsWith('on') || name === 'style') unsafe.push(`${element.localName}[${name}]`)
      if (/^(?:javascript|vbscript|data:text|data:image\/svg)/.test(value) || value.startsWith('javascript:')) unsafe.push(`${element.localName}[${name}=${attribute.value.slice(0, 60)}]`)
      if (resourceAttributes.has(name) && !/^(?:data:image\/(?:png|jpeg|gif|webp);|blob:)/.test(value)) unsafe.push(`${element.localName}[${name}=${attribute.value.slice(0, 60)}]`)
    }
  }
  return unsafe
}

/** Every sink: each payload of the corpus goes through each of them in e2e/xss.spec.ts. */
export const XSS_SINKS: readonly XssSink[] = [
  importedArticleSink('imported .html / .htm article opened in the reader', (payload) => ({
    extension: payload.n % 2 === 0 ? '.html' : '.htm',
    content: payloadHtml(payload),
  })),
  importedArticleSink('imported .md article opened in the reader', (payload) => ({ extension: '.md', content: payloadMarkdown(payload) })),
  importedArticleSink('imported .txt article opened in the reader', (payload) => ({ extension: '.txt', content: payloadText(payload) })),
  importedArticleSink('imported .docx article opened in the reader', (payload) => ({ extension: '.docx', content: payloadDocx(payload) })),
  importedPdfSink('imported .pdf article (text layer) opened in the reader'),
  renderedMarkdownSink,
  noteSink,
  pastedHtmlSink,
  briefPreviewSink,
  htmlExportSink,
]

