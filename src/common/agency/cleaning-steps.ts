import type { Block, Caption, RemovedPassage } from '../model/article'

/**
 * Seeing and undoing cleaning, one step at a time.
 *
 * Every step the cleaner took out of the body is still in the record: a removed passage (with its
 * kind) or a caption, each placed `afterBlock`. Undoing a step puts its text back into the body as
 * a paragraph at that place; re-applying it takes that paragraph out again. Both are pure: they
 * return a new record and never touch the one passed in, and undo followed by re-apply gives back
 * an equal record.
 *
 * The body changes, so whatever is derived from it (content hash, word count, excerpt, revision,
 * annotation anchors) is the caller's to refresh; these functions only move text.
 */
export interface CleanedParts {
  readonly blocks: readonly Block[]
  readonly captions: readonly Caption[]
  readonly removed: readonly RemovedPassage[]
}

export type StepKind = RemovedPassage['kind'] | 'caption'

/** Names one step: entry `index` of the record's `removed` or `captions` list. */
export interface StepRef {
  readonly list: 'removed' | 'captions'
  readonly index: number
}

export interface CleaningStep {
  readonly ref: StepRef
  readonly kind: StepKind
  readonly text: string
  readonly afterBlock: number
}

/** What an undo did, enough to re-apply it: which list the entry came from and the block now holding it. */
export interface UndoneStep {
  readonly list: 'removed' | 'captions'
  readonly kind: StepKind
  readonly text: string
  /** Index of the body block that now holds the text. */
  readonly blockIndex: number
}

/** Every step, in reading order (by position, captions before removals at the same place). */
export function listCleaningSteps(parts: CleanedParts): CleaningStep[] {
  const steps: CleaningStep[] = [
    ...parts.captions.map((caption, index): CleaningStep => ({
      ref: { list: 'captions', index },
      kind: 'caption',
      text: caption.text,
      afterBlock: caption.afterBlock,
    })),
    ...parts.removed.map((passage, index): CleaningStep => ({
      ref: { list: 'removed', index },
      kind: passage.kind,
      text: passage.text,
      afterBlock: passage.afterBlock,
    })),
  ]
  // Array.prototype.sort is stable: equal positions keep captions first, each list in its order.
  return steps.sort((a, b) => a.afterBlock - b.afterBlock)
}

/** Moves entries placed at or after `from` by `delta`; `alsoLater` entries at `from - 1` too. */
function shift<T extends { readonly afterBlock: number }>(items: readonly T[], from: number, delta: number, alsoLaterThan = -1): T[] {
  return items.map((item, index) =>
    item.afterBlock >= from || (alsoLaterThan >= 0 && index > alsoLaterThan && item.afterBlock === from - 1)
      ? { ...item, afterBlock: item.afterBlock + delta }
      : item,
  )
}

/**
 * Puts the text of one step back into the body. Returns null when `ref` names no entry.
 * Entries of the same list placed at the same spot and listed after it stay after it.
 */
export function undoCleaningStep<T extends CleanedParts>(parts: T, ref: StepRef): { parts: T; undone: UndoneStep } | null {
  const list: readonly (Caption | RemovedPassage)[] = ref.list === 'captions' ? parts.captions : parts.removed
  const entry = list[ref.index]
  if (entry === undefined || !Number.isInteger(ref.index)) return null
  const blockIndex = Math.min(Math.max(entry.afterBlock + 1, 0), parts.blocks.length)
  const blocks = [...parts.blocks.slice(0, blockIndex), { kind: 'paragraph' as const, text: entry.text }, ...parts.blocks.slice(blockIndex)]
  const others = <U extends Caption | RemovedPassage>(items: readonly U[], isSame: boolean): U[] => {
    const shifted = shift(items, blockIndex, 1, isSame ? ref.index : -1)
    return isSame ? shifted.filter((_, index) => index !== ref.index) : shifted
  }
  const kind: StepKind = ref.list === 'captions' ? 'caption' : (entry as RemovedPassage).kind
  return {
    parts: {
      ...parts,
      blocks,
      captions: others(parts.captions, ref.list === 'captions'),
      removed: others(parts.removed, ref.list === 'removed'),
    },
    undone: { list: ref.list, kind, text: entry.text, blockIndex },
  }
}

/** The block holding the undone text: at its recorded index, or else the nearest with that text. */
function findRestoredBlock(blocks: readonly Block[], undone: UndoneStep): number {
  if (blocks[undone.blockIndex]?.text === undone.text) return undone.blockIndex
  let best = -1
  blocks.forEach((block, index) => {
    if (block.text !== undone.text) return
    if (best < 0 || Math.abs(index - undone.blockIndex) < Math.abs(best - undone.blockIndex)) best = index
  })
  return best
}

/**
 * Puts an entry back at its place in a list sorted by position. Undo moved the entries that came
 * after the restored passage behind its block, so the entries placed before that block are exactly
 * the ones that precede it: it goes in front of the first entry placed at or after its block.
 * This holds whatever order steps are re-applied in.
 */
function reinsert<U extends { readonly afterBlock: number }>(items: readonly U[], item: U, blockIndex: number): U[] {
  let index = items.findIndex((other) => other.afterBlock >= blockIndex)
  if (index < 0) index = items.length
  const shifted = shift(items, blockIndex, -1)
  return [...shifted.slice(0, index), item, ...shifted.slice(index)]
}

/**
 * Takes an undone step's text out of the body again. Returns null when the body no longer holds
 * that text as a block of its own (the user edited it), or when the record would be left empty.
 */
export function reapplyCleaningStep<T extends CleanedParts>(parts: T, undone: UndoneStep): T | null {
  const blockIndex = findRestoredBlock(parts.blocks, undone)
  if (blockIndex < 0 || parts.blocks.length === 1) return null
  const blocks = parts.blocks.filter((_, index) => index !== blockIndex)
  const afterBlock = blockIndex - 1
  if (undone.list === 'captions') {
    const captions = reinsert(parts.captions, { text: undone.text, afterBlock }, blockIndex)
    return { ...parts, blocks, captions, removed: shift(parts.removed, blockIndex, -1) }
  }
  const kind = undone.kind === 'caption' ? 'after-end-mark' : undone.kind
  const removed = reinsert(parts.removed, { kind, text: undone.text, afterBlock }, blockIndex)
  return { ...parts, blocks, captions: shift(parts.captions, blockIndex, -1), removed }
}
