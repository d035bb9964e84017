import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { describeRecovery } from '../../src/common/recovery-messages'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'
import { annotation, article, tag } from './fixtures'

/**
 * tags.json, its second copy and every generation of it unreadable: the themes cannot come back,
 * so the message names each one exactly as far as anything truthful is left, by the id its
 * highlights still carry and how many highlights carry it.
 */
const opened: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
})
async function open(dir: string, mode: 'read' | 'write' = 'write') {
  const store = await LibraryStore.open(dir, { mode })
  opened.push(store)
  return store
}

describe('themes lost with every copy of tags.json', () => {
  it('are named by the highlights that use them, most used first, in both languages', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const [a, b] = [article(1), article(2)]
    const [trade, telecom, unused] = [tag('Thương mại'), tag('Viễn thông'), tag('Chưa dùng')]
    await store.addArticles([a, b])
    await store.setTags([trade])
    await store.setTags([trade, telecom, unused])
    await store.setAnnotations(a.id, [annotation(a.id, { tagIds: [trade.id] }), annotation(a.id, { tagIds: [trade.id, telecom.id] })])
    await store.setAnnotations(b.id, [annotation(b.id, { tagIds: [trade.id] }), annotation(b.id)])
    await store.close()
    opened.pop()

    // The file, its second copy and every generation: nothing valid is left of the tag records.
    const generations = join(dir, 'backups', 'generations')
    const copies = ['tags.json', join('mirror', 'tags.json'), ...(await readdir(generations)).filter((name) => name.startsWith('tags.json.')).map((name) => join('backups', 'generations', name))]
    expect(copies.length).toBeGreaterThan(2)
    for (const copy of copies) await writeFile(join(dir, copy), '{"schemaVersion":2,"tags":[')

    const readOnly = await open(dir, 'read')
    expect(readOnly.listTags()).toEqual([])
    const lost = `tags theme:${trade.id}:3 theme:${telecom.id}:1`
    expect(readOnly.recoveryEvents).toEqual([expect.objectContaining({ file: 'tags.json', outcome: 'lost', lost })])

    const reopened = await open(dir)
    expect(reopened.listTags()).toEqual([])
    const [event] = reopened.recoveryEvents
    expect(reopened.recoveryEvents).toHaveLength(1)
    expect(event).toEqual(expect.objectContaining({ file: 'tags.json', damage: 'truncated', outcome: 'lost', lost }))
    expect(describeRecovery(event!, 'en', () => null)).toBe(
      `tags.json was damaged (it was cut short) and no earlier copy could be read: the theme tags (among them: the theme used by 3 highlights, id ${trade.id}; the theme used by 1 highlight, id ${telecom.id}) could not be recovered. The damaged file was kept as ${event!.keptAs}.`,
    )
    expect(describeRecovery(event!, 'vi', () => null)).toContain(
      `không khôi phục được các chủ đề (trong đó có: chủ đề được gắn cho 3 đoạn đánh dấu, mã ${trade.id}; chủ đề được gắn cho 1 đoạn đánh dấu, mã ${telecom.id})`,
    )
    // The highlights keep their theme ids, so a theme recreated under the same id would find them again.
    expect((await reopened.getAnnotations(a.id)).map((item) => item.tagIds)).toEqual([[trade.id], [trade.id, telecom.id]])
  })

  it('a library whose highlights use no theme keeps the general message', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    await store.setTags([tag('Thương mại')])
    await store.setAnnotations(a.id, [annotation(a.id)])
    await store.close()
    opened.pop()
    for (const copy of ['tags.json', join('mirror', 'tags.json')]) await writeFile(join(dir, copy), '')
    const reopened = await open(dir)
    expect(reopened.recoveryEvents).toEqual([expect.objectContaining({ file: 'tags.json', damage: 'empty', outcome: 'lost', lost: 'tags' })])
    expect(describeRecovery(reopened.recoveryEvents[0]!, 'en', () => null)).toContain('no earlier copy could be read: the theme tags could not be recovered')
  })
})
