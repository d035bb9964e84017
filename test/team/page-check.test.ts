import { describe, expect, it } from 'vitest'
import { checkIncoming } from '../../src/node/team/incoming-doc'
import { checkPage, PageNotJson } from '../../src/node/team/page-check'
import { PageChecker } from '../../src/node/team/page-checker'
import { contentHash } from '../../src/node/team/record-docs'

const theme = { id: 'tg_00000000000000aa', name: 'Fisheries', parentId: null, color: null, aliases: [], keywords: ['cá'] }
const envelope = (id: string, record: unknown, fields: Record<string, unknown> = {}) => ({ _id: id, _rev: '1-abc', kind: 'theme', author: 'bob', changedBy: 'bob', changedAt: '2026-01-01T00:00:00.000Z', record, ...fields })
const change = (doc: { _id: string; _rev: string }, seq: number, extra: Record<string, unknown> = {}) => `{"seq":${seq},"id":${JSON.stringify(doc._id)},"changes":[{"rev":"${doc._rev}"}],"doc":${JSON.stringify(doc)}${Object.entries(extra).map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`).join('')}}`

/** A `_changes` page as a server sends it, hostile documents among good ones (a __proto__ key written as raw JSON, as JSON.stringify cannot). */
function hostilePage(): Buffer {
  const good = envelope(`theme:${theme.id}`, theme)
  const changes = [
    change(good, 1),
    change(envelope('theme:tg_00000000000000ab', { ...theme, id: 'tg_00000000000000ab', name: '<img src=x onerror=alert(1)>' }), 2),
    change(envelope('theme:tg_00000000000000ac', { ...theme, id: 'tg_00000000000000ac', name: 42 }), 3),
    change(envelope('../../../etc/passwd', { ...theme, id: 'tg_00000000000000ad' }), 4),
    change(envelope('theme:tg_00000000000000ae', { ...theme, id: 'tg_00000000000000ae' }, { extra: 1 }), 5),
    `{"seq":6,"id":"theme:tg_00000000000000af","changes":[{"rev":"1-p"}],"doc":{"_id":"theme:tg_00000000000000af","_rev":"1-p","kind":"theme","author":"m","changedBy":"m","changedAt":"2026-01-01T00:00:00.000Z","record":{"id":"tg_00000000000000af","name":"x","parentId":null,"color":null,"aliases":[],"keywords":[],"__proto__":{"polluted":true}}}}`,
    `{"seq":7,"id":"theme:tg_00000000000000b0","changes":[{"rev":"2-d"}],"deleted":true,"doc":{"_id":"theme:tg_00000000000000b0","_rev":"2-d","_deleted":true,"mergedInto":"tg_00000000000000aa"}}`,
    change({ _id: '_design/team', _rev: '1-x' }, 8),
    change(envelope('theme:tg_00000000000000b1', { ...theme, id: 'tg_00000000000000b1' }, { _conflicts: ['1-zzz', 7] }), 9),
  ]
  return Buffer.from(`{"results":[${changes.join(',')}],"last_seq":9}`)
}

/** A page of 50 good themes (larger than hostilePage()). */
function largerPage(): Buffer {
  const changes = Array.from({ length: 50 }, (_, i) => {
    const id = `tg_${(0x100 + i).toString(16).padStart(16, '0')}`
    return change(envelope(`theme:${id}`, { ...theme, id, name: `Chủ đề ${i}` }), i + 1)
  })
  return Buffer.from(`{"results":[${changes.join(',')}],"last_seq":50}`)
}

describe('checking a page of the team feed (in the page worker, or on this thread)', () => {
  it('skips hostile documents for the same reasons as a document checked alone, and keeps the good ones with their hashes', () => {
    const page = checkPage(hostilePage())
    expect(page.lastSeq).toBe('9')
    expect(page.count).toBe(9)
    // The design document is not a record: left out.
    expect(page.results.map((item) => item.id)).not.toContain('_design/team')
    const byId = new Map(page.results.map((item) => [item.id, item]))
    const good = byId.get(`theme:${theme.id}`)!.checked!
    expect(good.ok && good.serverHash).toBe(contentHash('theme', theme))
    expect(good.ok && good.local).toEqual(theme)
    // Hashed in the worker too: the library's entry for the record takes it as is.
    expect(good.ok && good.localHash).toBe(contentHash('theme', theme))
    const reason = (id: string) => {
      const checked = byId.get(id)!.checked!
      return checked.ok ? 'ok' : checked.reason
    }
    expect(reason('theme:tg_00000000000000ab')).toContain('active markup')
    expect(reason('theme:tg_00000000000000ac')).toContain('name')
    expect(reason('../../../etc/passwd')).toBe('not a record id')
    expect(reason('theme:tg_00000000000000ae')).toContain('extra')
    expect(reason('theme:tg_00000000000000af')).toBe('the key “__proto__”')
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    // The same reasons as checkIncoming gives one document.
    const alone = checkIncoming(envelope('theme:tg_00000000000000ab', { ...theme, id: 'tg_00000000000000ab', name: '<img src=x onerror=alert(1)>' }), 0)
    expect(alone.ok ? 'ok' : alone.reason).toBe(reason('theme:tg_00000000000000ab'))
    expect(byId.get('theme:tg_00000000000000b0')).toEqual({ id: 'theme:tg_00000000000000b0', deleted: true, rev: '2-d', conflicts: [], mergedInto: 'tg_00000000000000aa', checked: null })
    // Only revisions (strings) are kept of _conflicts.
    expect(byId.get('theme:tg_00000000000000b1')!.conflicts).toEqual(['1-zzz'])
  })

  it('gives the same answer in the worker thread as on this thread, and refuses a page that is not JSON', async () => {
    const checker = new PageChecker({ smallPageBytes: 0 })
    try {
      expect(await checker.check(hostilePage())).toEqual(checkPage(hostilePage()))
      expect(checker.running).toBe(true)
      // A buffer that is a slice of a larger one is copied, not moved (the larger one stays usable).
      const whole = Buffer.concat([Buffer.from('xxxx'), hostilePage()])
      const slice = whole.subarray(4)
      expect(await checker.check(slice)).toEqual(checkPage(hostilePage()))
      expect(whole.subarray(0, 4).toString()).toBe('xxxx')
      await expect(checker.check(Buffer.from('<html>proxy error</html>'))).rejects.toBeInstanceOf(PageNotJson)
      expect(() => checkPage(Buffer.from('<html>'))).toThrow(PageNotJson)
    } finally {
      await checker.close()
    }
  })

  it('checks small pages on this thread, and its thread ends when told the pull is over', async () => {
    const checker = new PageChecker({ smallPageBytes: hostilePage().length })
    try {
      // A live round's small page: no thread starts for it.
      expect(await checker.check(hostilePage())).toEqual(checkPage(hostilePage()))
      expect(checker.running).toBe(false)
      // A larger page goes to the thread (the same answer); idle() ends the thread once no page waits.
      const large = largerPage()
      expect(await checker.check(large)).toEqual(checkPage(largerPage()))
      expect(checker.running).toBe(true)
      checker.idle()
      expect(checker.running).toBe(false)
    } finally {
      await checker.close()
    }
  })
})
