import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import { bodyText } from '../src/common/model/article'
import { HIGHLIGHT_COLORS } from '../src/common/model/annotation'
import { BriefingService } from '../src/node/service'
import { percentile, printTable, type Row } from './table'

const ROOT = resolve(import.meta.dirname, '..')
const SAMPLES_DIR = join(ROOT, 'data', 'samples')

/** The part of e2e/harness.ts this benchmark uses. */
interface Harness {
  launchApp(options: { dataDir: string }): Promise<{ page: Page; close(): Promise<void> }>
}

/**
 * The end-to-end harness starts the built renderer in Chromium. It belongs to the test project
 * (tsconfig.test.json), so it is loaded at run time rather than imported by the bench project.
 */
async function loadHarness(): Promise<Harness> {
  return (await import(pathToFileURL(join(ROOT, 'e2e', 'harness.ts')).href)) as Harness
}

const HIGHLIGHTS = 500
const ROUNDS = 7

/**
 * Opening an article with 500 highlights in the real renderer (Chromium, the built app): from the
 * click on the article in the library until its text, every highlight and the side panel's 500
 * cards are in the DOM and a frame has been painted. Goal (issue 5): ≤ 100 ms to interactive.
 * Needs `npx electron-vite build` and Debian's chromium; skipped with a note otherwise.
 */
export async function benchReaderRender(quick: boolean): Promise<void> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    console.log('\nReader render: skipped (build the app first: npx electron-vite build)')
    return
  }
  const dir = await mkdtemp(join(tmpdir(), 'briefing-desk-bench-reader-'))
  try {
    const { title, words } = await seedArticle(dir, quick ? 100 : HIGHLIGHTS)
    const app = await (await loadHarness()).launchApp({ dataDir: dir })
    try {
      await bridgeApi(app.page)
      const count = quick ? 100 : HIGHLIGHTS
      const rounds = quick ? 2 : ROUNDS
      const withHighlights = await measure(app.page, title, count, rounds)
      // The same article without its highlights: what the highlights themselves cost.
      await app.page.evaluate(`(async () => {
        const id = document.querySelector('[role="option"][aria-selected="true"]').dataset.articleId
        // window.api answers { ok, value } (src/ui/lib/api.ts unwraps it for the app).
        const ids = (await window.api.getAnnotations({ articleId: id })).value.map((annotation) => annotation.id)
        await window.api.deleteAnnotations({ articleId: id, ids })
      })()`)
      const without = await measure(app.page, title, 0, rounds)
      printTable(`Reader: open an article in Chromium (p50 and max of ${rounds}; goal ≤ 100 ms to interactive with 500 highlights)`, [
        row(`open article, ${count} highlights (overlapping), ${words} words`, withHighlights),
        row(`open the same article, no highlights`, without),
      ])
    } finally {
      await app.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

interface Samples {
  readonly totals: number[]
  readonly fetches: number[]
  readonly renders: number[]
}

async function measure(page: Page, title: string, count: number, rounds: number): Promise<Samples> {
  const samples: Samples = { totals: [], fetches: [], renders: [] }
  for (let round = 0; round < rounds; round++) {
    // Another article first, so each round opens ours from scratch.
    await page.getByRole('option').last().click()
    await page.waitForTimeout(300)
    const { total, fetch } = await timeOpening(page, title, count)
    samples.totals.push(total)
    samples.fetches.push(fetch)
    samples.renders.push(total - fetch)
  }
  return samples
}

function row(benchmark: string, samples: Samples): Row {
  return {
    benchmark,
    'click→painted ms p50': percentile(samples.totals, 50),
    'click→painted ms max': Math.max(...samples.totals),
    'data fetch ms p50': percentile(samples.fetches, 50),
    'rest ms p50': percentile(samples.renders, 50),
  }
}

/** A long sample article (the four samples' text, ten times) with `count` highlights, a third of them overlapping others. */
async function seedArticle(dir: string, count: number): Promise<{ title: string; words: number }> {
  const service = await BriefingService.open({ libraryDir: dir, samplesDir: SAMPLES_DIR, shell: 'browser', version: 'bench', systemLocale: 'en' })
  try {
    const summaries = await service.listArticles()
    const articles = await Promise.all(summaries.map((summary) => service.getArticle({ id: summary.id })))
    const target = articles[0]!
    const paragraphs = Array.from({ length: 10 }, () => articles.flatMap((article) => article.blocks.map((block) => block.text))).flat()
    const { article } = await service.editArticleText({ id: target.id, text: paragraphs.join('\n\n') })
    const text = bodyText(article.blocks)
    const step = Math.floor(text.length / count)
    for (let i = 0; i < count; i++) {
      const start = i * step + (i % 3 === 0 ? Math.floor(step / 2) : 0)
      const end = Math.min(text.length, start + Math.floor(step * (i % 3 === 0 ? 1.2 : 0.6)))
      if (text.slice(start, end).trim() === '') continue
      await service.createAnnotation({ articleId: article.id, start, end, color: HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length]! })
    }
    return { title: article.title, words: article.wordCount }
  } finally {
    await service.close()
  }
}

/**
 * The harness's page script is a function that Playwright serialises; run under tsx (as the
 * benchmarks are), esbuild wraps its inner functions in a `__name` helper the page does not have,
 * so `window.api` is missing. Define the helper first and load the page again.
 */
async function bridgeApi(page: Page): Promise<void> {
  await page.context().addInitScript({ content: 'globalThis.__name = (value) => value' })
  await page.reload()
  if (!(await page.evaluate('typeof window.api === "object"'))) {
    // Init scripts run in the order they were added: add the bridge again after the helper.
    await page.context().addInitScript({
      content: `if (!window.api) { const names = ${JSON.stringify(await apiNames())}; Object.defineProperty(window, 'api', { value: Object.freeze(Object.fromEntries(names.map((name) => [name, (input) => window.__briefingDeskInvoke(name, input)]))) }) }`,
    })
    await page.reload()
  }
  await page.getByRole('option').first().waitFor()
}

async function apiNames(): Promise<string[]> {
  const { apiMethodNames } = await import('../src/common/api-methods')
  return [...apiMethodNames]
}

/**
 * Milliseconds from the click to the first frame painted with every highlight and card in place,
 * and how much of it the three API calls behind it take when made alone (in the browser harness
 * they cross a Playwright binding to Node, slower than Electron's IPC). The rest is rendering.
 */
async function timeOpening(page: Page, title: string, count: number): Promise<{ total: number; fetch: number }> {
  // A string, not a function: see bridgeApi.
  return page.evaluate(`(async () => {
    const option = [...document.querySelectorAll('[role="option"]')].find((element) => element.textContent.includes(${JSON.stringify(title)}))
    const start = performance.now()
    option.click()
    await new Promise((resolve) => {
      const check = () => {
        const cards = document.querySelectorAll('aside [data-annotation-id]').length
        const title = document.querySelector('main h1')
        const ready = ${count} === 0 ? title !== null && title.textContent === ${JSON.stringify(title)} && document.querySelector('main .stale') === null : cards >= ${count} && document.querySelector('main mark') !== null
        if (ready) resolve()
        else requestAnimationFrame(check)
      }
      check()
    })
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    const total = performance.now() - start
    const id = option.dataset.articleId
    const fetchStart = performance.now()
    await Promise.all([window.api.getArticle({ id }), window.api.getAnnotations({ articleId: id }), window.api.listTags()])
    return { total, fetch: performance.now() - fetchStart }
  })()`)
}
