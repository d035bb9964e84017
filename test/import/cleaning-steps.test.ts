import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanAgencyText } from '../../src/common/agency/clean-agency-text'
import { listCleaningSteps, reapplyCleaningStep, undoCleaningStep, type CleanedParts } from '../../src/common/agency/cleaning-steps'
import { ROOT } from '../helpers'

const story = readFileSync(join(ROOT, 'test', 'fixtures', 'import', 'files', 'vi-bitel.txt'), 'utf8')
const cleaned = cleanAgencyText(story)
const parts: CleanedParts = { blocks: cleaned.blocks, captions: cleaned.captions, removed: cleaned.removed }
const texts = (p: CleanedParts) => p.blocks.map((block) => block.text)

describe('cleaning steps', () => {
  it('lists every step in reading order', () => {
    expect(listCleaningSteps(parts).map((step) => [step.kind, step.afterBlock])).toEqual([
      ['caption', 0],
      ['photo-alt-text', 0],
      ['related-link', 2],
      ['credit-line', 5],
      ['trailing-boilerplate', 5],
      ['trailing-boilerplate', 5],
      ['trailing-boilerplate', 5],
    ])
  })

  it('puts a removed related link back where it was, and moves what follows', () => {
    const result = undoCleaningStep(parts, { list: 'removed', index: 1 })!
    expect(result.undone).toEqual({
      list: 'removed',
      kind: 'related-link',
      text: '[Bitel đưa Internet miễn phí tới hàng nghìn trường học ở Peru]',
      blockIndex: 3,
    })
    expect(texts(result.parts)[3]).toBe('[Bitel đưa Internet miễn phí tới hàng nghìn trường học ở Peru]')
    expect(result.parts.blocks).toHaveLength(parts.blocks.length + 1)
    expect(result.parts.removed.map((passage) => passage.afterBlock)).toEqual([0, 6, 6, 6, 6])
    expect(result.parts.captions).toEqual(parts.captions)
    // The record passed in is untouched.
    expect(parts.removed).toHaveLength(6)
  })

  it('puts a caption back into the body as a paragraph', () => {
    const result = undoCleaningStep(parts, { list: 'captions', index: 0 })!
    expect(result.parts.blocks[1]).toEqual({ kind: 'paragraph', text: parts.captions[0]!.text })
    expect(result.parts.captions).toEqual([])
    expect(result.parts.removed[0]!.afterBlock).toBe(0) // the alt text stays before it
  })

  it('re-applies every step to give back exactly the record it started from', () => {
    for (const step of listCleaningSteps(parts)) {
      const undone = undoCleaningStep(parts, step.ref)!
      expect(reapplyCleaningStep(undone.parts, undone.undone), `${step.kind} ${step.text}`).toEqual(parts)
    }
  })

  it('undoes several steps at one place in reading order, and re-applies them in any order', () => {
    let current = parts
    const undone = []
    // The three trailing passages, first to last: each is listed at index 3 once the credit line is back.
    for (const index of [3, 3, 3]) {
      const result = undoCleaningStep(current, { list: 'removed', index })!
      current = result.parts
      undone.push(result.undone)
    }
    expect(texts(current).slice(-3)).toEqual(['Tin cùng chuyên mục', 'Doanh nghiệp Việt Nam tìm đối tác tại hội chợ thương mại ở Lima', 'Cà phê Việt Nam mở rộng thị phần ở Nam Mỹ'])
    for (const step of [undone[1]!, undone[0]!, undone[2]!]) current = reapplyCleaningStep(current, step)!
    expect(current).toEqual(parts)
  })

  it('comes back to the cleaned record after undoing everything and re-applying in any order', () => {
    const orders = [
      [0, 1, 2, 3, 4, 5, 6],
      [6, 5, 4, 3, 2, 1, 0],
      [3, 0, 6, 1, 5, 2, 4],
      [2, 4, 6, 0, 1, 3, 5],
    ]
    for (const order of orders) {
      let current = parts
      const undone = []
      // Undo every step, always the first one left (captions first).
      while (current.captions.length + current.removed.length > 0) {
        const result = undoCleaningStep(current, current.captions.length > 0 ? { list: 'captions', index: 0 } : { list: 'removed', index: 0 })!
        current = result.parts
        undone.push(result.undone)
      }
      expect(current.blocks).toHaveLength(parts.blocks.length + 7)
      for (const index of order) current = reapplyCleaningStep(current, undone[index]!)!
      expect(current, order.join(',')).toEqual(parts)
    }
  })

  it('keeps the other fields of the record it is given', () => {
    const article = { ...parts, id: 'abc', title: 'T' }
    const result = undoCleaningStep(article, { list: 'removed', index: 0 })!
    expect(result.parts.id).toBe('abc')
    expect(result.parts.title).toBe('T')
  })

  it('refuses what it cannot do', () => {
    expect(undoCleaningStep(parts, { list: 'removed', index: 99 })).toBeNull()
    const { parts: undone, undone: step } = undoCleaningStep(parts, { list: 'removed', index: 1 })!
    const edited = { ...undone, blocks: undone.blocks.map((block, i) => (i === step.blockIndex ? { ...block, text: 'edited' } : block)) }
    expect(reapplyCleaningStep(edited, step)).toBeNull()
  })
})
