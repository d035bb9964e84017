import { describe, expect, it } from 'vitest'
import { checkIncoming } from '../../src/node/team/incoming-doc'

const theme = { id: 'tg_00000000000000aa', name: 'Fisheries', parentId: null, color: null, aliases: [], keywords: ['cá'] }
const doc = (fields: Record<string, unknown> = {}, record: unknown = theme) => ({
  _id: 'theme:tg_00000000000000aa',
  _rev: '1-abc',
  kind: 'theme',
  author: 'bob',
  changedBy: 'bob',
  changedAt: '2026-01-01T00:00:00.000Z',
  record,
  ...fields,
})
const reasonOf = (raw: unknown) => {
  const checked = checkIncoming(raw, JSON.stringify(raw).length)
  return checked.ok ? 'ok' : checked.reason
}

describe('incoming team documents (untrusted input)', () => {
  it.each([
    ['a valid theme', doc(), 'ok'],
    ['a __proto__ key, as JSON.parse makes it', JSON.parse('{"_id":"theme:tg_00000000000000aa","_rev":"1-a","kind":"theme","author":"b","changedBy":"b","changedAt":"2026-01-01T00:00:00.000Z","record":{"id":"tg_00000000000000aa","name":"x","parentId":null,"color":null,"aliases":[],"keywords":[],"__proto__":{"polluted":true}}}') as unknown, 'the key “__proto__”'],
    ['a constructor key', doc({}, { ...theme, constructor: { prototype: {} } }), 'the key “constructor”'],
    ['a script in a text', doc({}, { ...theme, name: 'x<script>alert(1)</script>' }), 'active markup'],
    ['an event handler', doc({}, { ...theme, keywords: ['<img src=x onerror=alert(1)>'] }), 'active markup'],
    ['a javascript: URL', doc({}, { ...theme, keywords: ['javascript:alert(1)'] }), 'active markup'],
    ['a path for an id', doc({ _id: '../../etc/passwd' }), 'not a record id'],
    ['a path inside a kind:id', doc({ _id: 'theme:../x' }), 'not a record id'],
    ['an unknown kind', doc({ _id: 'settings:tg_00000000000000aa', kind: 'settings' }), 'not a record id'],
    ['a kind that is not the id’s', doc({ kind: 'brief' }), 'does not match'],
    ['a record id that is not the document’s', doc({}, { ...theme, id: 'tg_00000000000000bb' }), 'does not match'],
    ['an extra field in the record', doc({}, { ...theme, extra: 1 }), 'extra'],
    ['an extra field in the envelope', doc({ extra: 1 }), 'extra'],
    ['a bad date', doc({ changedAt: 'yesterday' }), 'changedAt'],
    ['no author', doc({ author: '' }), 'author'],
  ])('%s', (_name, raw, expected) => {
    expect(reasonOf(raw)).toContain(expected)
  })

  it('refuses a document larger than the bound before parsing it', () => {
    expect(checkIncoming(doc(), 64 * 1024 * 1024)).toMatchObject({ ok: false })
  })

  it('keeps the content of a valid record, with no prototype change', () => {
    const checked = checkIncoming(doc(), 100)
    expect(checked).toMatchObject({ ok: true, kind: 'theme', id: theme.id, author: 'bob', record: theme })
    expect(Object.getPrototypeOf(({} as object))).toBe(Object.prototype)
  })
})
