import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/node/dispatch'
import { openLibrary } from '../annotations/open-library'

/**
 * The People list's pages (`dossierPeoplePage`) on the real store over the sample articles: light
 * rows (no name variants, keys or mentions: the person's details bring those), the same people and
 * order as the whole list, searched by any name variant without diacritics, hidden ones only when
 * asked, and decisions reflected at once.
 */
describe('the People list, paged', () => {
  it('pages the whole list in its order, with light rows whose fields match the full ones', async () => {
    const { service } = await openLibrary()
    const whole = (await service.dossierPeople()).people.filter((person) => !person.hidden)
    expect(whole.length).toBeGreaterThan(4)
    const first = await service.dossierPeoplePage({ limit: 3 })
    const rest = await service.dossierPeoplePage({ offset: 3, limit: 1000 })
    expect(first.total).toBe(whole.length)
    expect(first.people).toHaveLength(3)
    expect([...first.people, ...rest.people].map((row) => row.key)).toEqual(whole.map((person) => person.key))
    for (const row of first.people) {
      expect(row).not.toHaveProperty('names')
      expect(row).not.toHaveProperty('keys')
      expect(row).not.toHaveProperty('mentions')
      const { keys: _keys, names: _names, ...full } = whole.find((person) => person.key === row.key)!
      expect(row).toEqual(full)
    }
    // The light page is much smaller than the whole list of full rows, which is smaller than the details.
    expect(JSON.stringify(first).length).toBeLessThan(JSON.stringify(await service.dossierPeople()).length)
  })

  it('finds a person by any name variant, without case or diacritics; a name matching no one lists no one', async () => {
    const { service } = await openLibrary()
    const found = await service.dossierPeoplePage({ query: 'kim hoa' })
    expect(found.people.map((row) => row.key)).toEqual(['pham thi kim hoa'])
    expect(found.total).toBe(1)
    // "Pham Thi Kim Hoa" as the English report writes it is one of her variants.
    expect((await service.dossierPeoplePage({ query: 'PHAM THI' })).people.map((row) => row.name)).toContain('Phạm Thị Kim Hoa')
    expect(await service.dossierPeoplePage({ query: 'Nobody Atall' })).toMatchObject({ people: [], total: 0 })
  })

  it('lists hidden people only when asked, and follows a decision at once', async () => {
    const { service } = await openLibrary()
    const before = await service.dossierPeoplePage({})
    expect(before.hiddenCount).toBe(0)
    await service.decidePerson({ kind: 'hide', key: 'dina boluarte' })
    const after = await service.dossierPeoplePage({})
    expect(after.people.map((row) => row.key)).not.toContain('dina boluarte')
    expect(after).toMatchObject({ total: before.total - 1, hiddenCount: 1 })
    const withHidden = await service.dossierPeoplePage({ hidden: true })
    expect(withHidden.people.find((row) => row.key === 'dina boluarte')).toMatchObject({ hidden: true })
    await service.decidePerson({ kind: 'rename', key: 'pham thi kim hoa', name: 'Đại sứ Phạm Thị Kim Hoa (Peru)' })
    expect((await service.dossierPeoplePage({ query: 'kim hoa' })).people[0]).toMatchObject({ name: 'Đại sứ Phạm Thị Kim Hoa (Peru)', renamed: true })
  })

  it('refuses bad input at the boundary', async () => {
    const { service } = await openLibrary()
    const dispatch = createDispatcher(service)
    expect(await dispatch('dossierPeoplePage', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(await dispatch('dossierPeoplePage', { offset: -1 })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(await dispatch('dossierPeoplePage', { query: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(await dispatch('dossierPeoplePage', { names: true })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(await dispatch('dossierPeoplePage', undefined)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(await dispatch('dossierPeoplePage', { query: 'kim hoa', limit: 5 })).toMatchObject({ ok: true })
  })
})
