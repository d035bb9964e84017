import type { Run } from '../../common/highlights/article-runs'

/**
 * Draws a block's runs into its element with plain DOM calls: text goes in as text nodes (never
 * parsed as HTML), one element per run holding one text node, as lib/text-offsets.ts expects.
 *
 * Why not a Svelte {#each}: an article can have thousands of runs, and a component per run costs
 * reactive bookkeeping for each that the reader never needs (a run never changes in place; a
 * changed block is redrawn whole, the others are left alone). Selection and flash classes are
 * put on by the reader afterwards (ArticleBody), not here.
 */
export function paintRuns(element: HTMLElement, runs: readonly Run[]): void {
  const fragment = document.createDocumentFragment()
  for (const run of runs) fragment.append(runElement(run))
  element.replaceChildren(fragment)
}

function runElement(run: Run): HTMLElement {
  if (run.ids.length === 0) {
    const span = document.createElement('span')
    span.dataset['start'] = String(run.start)
    span.textContent = run.text
    return span
  }
  const mark = document.createElement('mark')
  mark.dataset['start'] = String(run.start)
  mark.dataset['ids'] = run.ids.join(' ')
  if (run.color !== null) mark.dataset['color'] = run.color
  if (run.outer !== null) mark.dataset['outer'] = run.outer
  if (run.ids.length > 1) mark.className = 'overlap'
  if (run.focusId !== null) {
    // Reachable with Tab in document order; Enter, Space and Delete are handled by ArticleBody.
    mark.tabIndex = 0
    mark.dataset['focusId'] = run.focusId
  }
  mark.textContent = run.text
  return mark
}
