import { reapplyCleaningStep, undoCleaningStep, type StepRef } from '../../common/agency/cleaning-steps'
import { AppError } from '../../common/errors'
import type { Article } from '../../common/model/article'

/**
 * Undo and Redo of one cleaning step on an article record. Undo puts the step's text back into
 * the body and remembers it in `article.undone`; Redo takes the most recently undone step listed
 * at `undoneIndex` out again. Errors name the article and the step.
 */
export function undoStep(article: Article, ref: StepRef): Article {
  const result = undoCleaningStep(article, ref)
  if (result === null) throw new AppError('cleaning.stepNotFound', { id: article.id, step: `${ref.list}:${ref.index}` })
  // Text put back at or before an earlier undone step's block pushes that block down by one.
  const earlier = (article.undone ?? []).map((other) => (other.blockIndex >= result.undone.blockIndex ? { ...other, blockIndex: other.blockIndex + 1 } : other))
  return { ...result.parts, undone: [...earlier, result.undone] }
}

export function redoStep(article: Article, undoneIndex: number): Article {
  const undone = article.undone ?? []
  const step = undone[undoneIndex]
  if (step === undefined) throw new AppError('cleaning.stepNotFound', { id: article.id, step: `undone:${undoneIndex}` })
  const parts = reapplyCleaningStep(article, step)
  if (parts === null) throw new AppError('cleaning.cannotRedo', { id: article.id, text: step.text.slice(0, 60) })
  // The block taken out (found by text if it moved) no longer precedes the others.
  const removedAt = parts.blocks.length < article.blocks.length ? firstDifference(article, parts) : step.blockIndex
  const rest = undone
    .filter((_, index) => index !== undoneIndex)
    .map((other) => (other.blockIndex > removedAt ? { ...other, blockIndex: other.blockIndex - 1 } : other))
  return { ...parts, undone: rest }
}

/** The index of the first block that differs between two versions of a body. */
function firstDifference(before: Article, after: Article): number {
  const index = before.blocks.findIndex((block, i) => after.blocks[i]?.text !== block.text || after.blocks[i]?.kind !== block.kind)
  return index < 0 ? before.blocks.length - 1 : index
}
