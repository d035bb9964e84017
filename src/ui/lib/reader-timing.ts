/**
 * User Timing marks for the reader's render benchmark (bench/reader-render.bench.ts): when an
 * article's data reached the renderer, and when it was next painted and the page free to handle
 * a click. They cost a few microseconds and let the benchmark time rendering in the page itself,
 * apart from fetching the data (which in the test harness crosses a slow Playwright binding).
 * Each name keeps only its latest mark, so the timeline does not grow as articles are opened.
 */
export const ARTICLE_DATA_MARK = 'reader:article-data'
export const ANNOTATIONS_DATA_MARK = 'reader:annotations-data'
export const PAINTED_MARK = 'reader:painted'

export interface ReaderMarkDetail {
  readonly articleId: string
  /** For the painted mark: how many highlights the painted text shows. */
  readonly highlights?: number
}

function mark(name: string, detail: ReaderMarkDetail): void {
  performance.clearMarks(name)
  performance.mark(name, { detail })
}

/** The article, or its annotations, arrived from the service (name says which). */
export function markDataArrived(name: typeof ARTICLE_DATA_MARK | typeof ANNOTATIONS_DATA_MARK, articleId: string): void {
  mark(name, { articleId })
}

/**
 * Called once the DOM holds the article: marks the moment after the next frame was painted (a
 * task queued from requestAnimationFrame runs after that frame's paint) when input is handled.
 */
export function markPaintedSoon(articleId: string, highlights: number): void {
  requestAnimationFrame(() => setTimeout(() => mark(PAINTED_MARK, { articleId, highlights }), 0))
}
