import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe as suite, expect, it } from 'vitest'
import { describe } from '../../src/common/anchoring/describe'
import { reanchor } from '../../src/common/anchoring/reanchor'
import { reanchorAll } from '../../src/common/anchoring/reanchor-all'
import type { AnchorMethod } from '../../src/common/anchoring/types'
import { applyEdits, FIXTURES, fixtureText, nth, type Edit } from './fixtures'

interface GoldenCase {
  readonly name: string
  readonly text: string
  /** Edits that make the text the annotation was made on (e.g. OCR damage), before `annotate`. */
  readonly setup?: readonly Edit[]
  readonly annotate: { readonly quote: string; readonly occurrence: number }
  /** The user's edit, after which the annotation is re-anchored. */
  readonly edits: readonly Edit[]
  readonly expect:
    | { readonly status: 'anchored'; readonly method: AnchorMethod; readonly quote: string; readonly occurrence: number }
    | { readonly status: 'orphan' }
}

const cases = JSON.parse(readFileSync(join(FIXTURES, 'golden.json'), 'utf8')) as GoldenCase[]

suite('re-anchoring golden cases (test/fixtures/anchoring/golden.json)', () => {
  it.each(cases.map((golden) => [golden.name, golden] as const))('%s', (_name, golden) => {
    const before = applyEdits(fixtureText(golden.text), golden.setup ?? [])
    const passage = nth(before, golden.annotate.quote, golden.annotate.occurrence)
    const selectors = describe(before, passage.start, passage.end)
    const after = applyEdits(before, golden.edits)

    const result = reanchor(selectors, after)
    if (golden.expect.status === 'orphan') {
      expect(result).toEqual({ status: 'orphan' })
      expect(reanchorAll([selectors], after)).toEqual([{ status: 'orphan', ...selectors }])
      return
    }
    const expected = nth(after, golden.expect.quote, golden.expect.occurrence)
    expect(result).toEqual({ status: 'anchored', ...expected, method: golden.expect.method })
    expect(reanchorAll([selectors], after)).toEqual([{ status: 'anchored', method: golden.expect.method, ...describe(after, expected.start, expected.end) }])
  })
})
