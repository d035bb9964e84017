import { describe, expect, it } from 'vitest'
import { appendNew } from '../../src/ui/lib/append-new'

const row = (key: string, name = key): { key: string; name: string } => ({ key, name })

describe('appendNew', () => {
  it('appends a page whose order shifted without repeating the rows already listed', () => {
    // The first page listed a, b, c; then d sorted in before c, so the page at offset 3 starts with c.
    const listed = [row('a'), row('b'), row('c')]
    const next = appendNew(listed, [row('c', 'c again'), row('e'), row('f')])
    expect(next.map((r) => r.key)).toEqual(['a', 'b', 'c', 'e', 'f'])
    // The row listed first stays: the reload the change brings updates it.
    expect(next[2]?.name).toBe('c')
    expect(new Set(next.map((r) => r.key)).size).toBe(next.length)
  })

  it('appends every row of a page that repeats none', () => {
    expect(appendNew([row('a')], [row('b'), row('c')]).map((r) => r.key)).toEqual(['a', 'b', 'c'])
    expect(appendNew([], [row('a')]).map((r) => r.key)).toEqual(['a'])
  })
})
