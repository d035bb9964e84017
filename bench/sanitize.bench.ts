import { performance } from 'node:perf_hooks'
import { renderMarkdownInNode } from '../src/node/markdown'
import { syntheticArticle } from './corpus'
import { percentile, printTable, type Row } from './table'

/**
 * The cost of safety: Markdown to sanitised HTML (marked, then DOMPurify over jsdom, as exports
 * do; the renderer uses the browser's DOM and is faster). Goal: a note under 5 ms, a 50 KB brief
 * under 100 ms, so sanitising never shows as lag when a note or a preview is shown.
 */
function timeEach(label: string, inputs: readonly string[], rounds: number): Row {
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = performance.now()
      renderMarkdownInNode(input)
      samples.push(performance.now() - start)
    }
  }
  const bytes = inputs.reduce((sum, input) => sum + Buffer.byteLength(input), 0) / inputs.length
  return { benchmark: label, inputs: inputs.length, 'avg KB': bytes / 1024, 'p50 ms': percentile(samples, 50), 'p95 ms': percentile(samples, 95), 'max ms': Math.max(...samples) }
}

export async function benchSanitize(quick: boolean): Promise<void> {
  renderMarkdownInNode('warm **up**') // jsdom starts on first use
  const note = syntheticArticle(1, 5000).split('\n').join('\n\n')
  const brief = Array.from({ length: 10 }, (_, i) => `## Mục ${i + 1}\n\n${syntheticArticle(i, 5000).split('\n').map((line) => `> ${line}`).join('\n>\n')}\n\n[nguồn](https://www.vietnamplus.vn/${i})`).join('\n\n')
  // Hostile markup of the kinds in test/fixtures/security/payloads.ts, woven into a note.
  const hostile = Array.from({ length: 50 }, (_, i) => `Đoạn ${i}: <img src=x onerror=alert(${i})> [x](javascript:alert(${i})) <svg onload=alert(${i})><iframe srcdoc="<script>alert(${i})</script>"></iframe> <math><mtext><table><mglyph><style><img src=x onerror=alert(${i})>`).join('\n\n')
  const rounds = quick ? 2 : 10
  printTable('Sanitising Markdown (marked + DOMPurify on jsdom)', [
    timeEach('a 10 KB note of 250 XSS vectors', [hostile], rounds * 10),
    timeEach('a 5 KB note', [note], rounds * 10),
    timeEach('a 50 KB brief', [brief], rounds),
  ])
}
