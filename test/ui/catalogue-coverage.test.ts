import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { parse } from 'svelte/compiler'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers'

/**
 * Every user-facing string goes through the message catalogue. This walks each component's
 * template and reports text nodes and user-facing attributes written as literals.
 */
const USER_FACING_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'aria-description', 'label'])

async function svelteFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.svelte')).map((entry) => join(entry.parentPath, entry.name))
}

interface TemplateNode {
  type: string
  data?: string
  name?: string
  value?: unknown
  [key: string]: unknown
}

function literalsIn(node: unknown, found: string[]): void {
  if (node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const child of node) literalsIn(child, found)
    return
  }
  const current = node as TemplateNode
  if (current.type === 'Text' && typeof current.data === 'string' && /\p{L}/u.test(current.data)) found.push(current.data.trim())
  for (const [key, value] of Object.entries(current)) {
    if (key === 'attributes') userFacingAttributeLiterals(value as TemplateNode[], found)
    // <style> and <script> are not template text.
    else if (key !== 'css' && key !== 'instance' && key !== 'module') literalsIn(value, found)
  }
}

function userFacingAttributeLiterals(attributes: TemplateNode[], found: string[]): void {
  for (const attribute of attributes) {
    if (attribute.type !== 'Attribute' || !USER_FACING_ATTRIBUTES.has(attribute.name ?? '') || !Array.isArray(attribute.value)) continue
    for (const part of attribute.value as TemplateNode[]) {
      if (part.type === 'Text' && /\p{L}/u.test(part.data ?? '')) found.push(`${attribute.name}="${part.data}"`)
    }
  }
}

describe('components', () => {
  it('contain no hard-coded user-facing text', async () => {
    const files = await svelteFiles(join(ROOT, 'src', 'ui'))
    expect(files.length).toBeGreaterThan(5)
    const offenders: string[] = []
    for (const file of files) {
      const ast = parse(await readFile(file, 'utf8'), { modern: true })
      const found: string[] = []
      literalsIn(ast.fragment, found)
      for (const text of found) offenders.push(`${relative(ROOT, file)}: ${text}`)
    }
    expect(offenders).toEqual([])
  })
})
