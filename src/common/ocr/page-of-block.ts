/**
 * Which recognised page a paragraph of an OCR article lies on, from each page image's first
 * recognised words (`PageImageRef.startsWith`): a page starts at the first block, at or after the
 * previous page's start, that contains its first words. Pure; null where nothing is known.
 */
const SNIPPET_WORDS = 4

function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/gu, ' ').trim()
}

/** The first block index of each page whose start was found, in page order. */
export function pageStarts(blocks: readonly { readonly text: string }[], pages: readonly { readonly page: number; readonly startsWith?: string | undefined }[]): { page: number; block: number }[] {
  const folded = blocks.map((block) => fold(block.text))
  const starts: { page: number; block: number }[] = []
  let from = 0
  for (const page of [...pages].sort((a, b) => a.page - b.page)) {
    if (page.startsWith === undefined) continue
    const snippet = fold(page.startsWith).split(' ').slice(0, SNIPPET_WORDS).join(' ')
    if (snippet === '') continue
    const index = folded.findIndex((text, at) => at >= from && text.includes(snippet))
    if (index < 0) continue
    starts.push({ page: page.page, block: index })
    from = index
  }
  return starts
}

/** The page a block lies on (the last page starting at or before it), or null when no page start precedes it. */
export function pageOfBlock(starts: readonly { page: number; block: number }[], block: number): number | null {
  let found: number | null = null
  for (const start of starts) if (start.block <= block) found = start.page
  return found
}
