import type { Block } from '../model/article'
import { normalizeLine } from '../text/normalize'

/**
 * An article body typed or pasted as one text (the reader's "Edit text" mode, `edit --text-file`)
 * back into blocks: a blank line separates blocks, a single line break inside a block is a space,
 * and each block is normalised as imported text is (NFC, no invisible characters, single spaces),
 * so that bodyText(blocksFromText(t)) is the text the annotations are anchored in.
 *
 * A block keeps its kind (heading or paragraph) when it is unchanged, or when the edit kept the
 * number of blocks (a typo fixed in a heading leaves it a heading); otherwise it is a paragraph.
 */
export function blocksFromText(text: string, previous: readonly Block[]): Block[] {
  const texts = text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((block) => normalizeLine(block.replace(/\n/g, ' ')))
    .filter((block) => block !== '')
  const sameCount = texts.length === previous.length
  return texts.map((blockText, i) => {
    const unchanged = previous.find((block) => block.text === blockText)
    const kind = unchanged?.kind ?? (sameCount ? previous[i]!.kind : 'paragraph')
    return { kind, text: blockText }
  })
}
