import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Template } from '../../src/common/brief/template'
import { connectTeam, initTeam, teamStatus } from '../../src/node/team/team-connection'
import { PASSWORDS, teamLibrary, useTeamServer, type TeamLibrary } from './team-library'

/** Templates and handling markings travel with the team library (docs/team.md#documents). */
const serverOf = useTeamServer(['bob'])

let dbCount = 0
async function pair(): Promise<[TeamLibrary, TeamLibrary, string]> {
  const db = `templates-${process.pid}-${++dbCount}`
  const a = await teamLibrary('alice')
  await initTeam(a.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob'])
  const b = await teamLibrary('bob')
  await connectTeam(b.service.libraryStore, { url: serverOf().url, db, user: 'bob', password: PASSWORDS['bob']! })
  return [a, b, db]
}

function template(id: string, name: string): Template {
  return {
    schemaVersion: 1,
    id,
    name: { en: name, vi: `${name} (vi)` },
    description: { en: 'A desk template', vi: 'Mẫu của phòng' },
    layout: { style: 'points', keyFigures: false },
    sections: [
      { key: 'summary', heading: { en: 'Summary', vi: 'Tóm tắt' }, hint: { en: 'The gist.', vi: 'Ý chính.' } },
      { key: 'trade', heading: { en: 'Trade', vi: 'Thương mại' }, hint: { en: 'Trade news.', vi: 'Tin thương mại.' }, themes: ['Trade'] },
    ],
  }
}

describe('team sync of templates and handling markings', { timeout: 120_000 }, () => {
  it('two libraries edit templates and markings concurrently and converge', async () => {
    const [a, b] = await pair()
    await a.service.saveTemplate({ template: template('desk-weekly', 'Desk weekly') })
    await a.service.updateSettings({ markings: ['Desk only'] })
    await a.sync()
    await b.sync()
    expect(b.service.libraryStore.getTemplate('desk-weekly')?.name.en).toBe('Desk weekly')
    expect(b.service.libraryStore.settings.markings).toEqual(['Desk only'])

    // Concurrently: A renames the template and adds a section; B adds a theme to one of its
    // sections and a template of its own; both add a marking, B removes the shared one.
    const weekly = a.service.libraryStore.getTemplate('desk-weekly')!
    await a.service.saveTemplate({
      template: { ...weekly, name: { en: 'Desk weekly (Peru)', vi: 'Tuần (Peru)' }, sections: [...weekly.sections, { key: 'outlook', heading: { en: 'Outlook', vi: 'Triển vọng' }, hint: { en: 'Next.', vi: 'Tiếp theo.' } }] },
    })
    const theirs = b.service.libraryStore.getTemplate('desk-weekly')!
    await b.service.saveTemplate({ template: { ...theirs, sections: theirs.sections.map((section) => (section.key === 'trade' ? { ...section, themes: ['Trade', 'CPTPP'] } : section)) } })
    await b.service.saveTemplate({ template: template('bob-notes', 'Bob’s notes') })
    await a.service.updateSettings({ markings: ['Desk only', 'Embassy only'] })
    await b.service.updateSettings({ markings: ['Ambassador only'] })

    await a.sync()
    await b.sync()
    await a.sync()
    expect(await b.shared()).toEqual(await a.shared())
    const merged = a.service.libraryStore.getTemplate('desk-weekly')!
    expect(merged.name.en).toBe('Desk weekly (Peru)')
    expect(merged.sections.map((section) => section.key)).toEqual(['summary', 'trade', 'outlook'])
    expect(merged.sections.find((section) => section.key === 'trade')?.themes).toEqual(['Trade', 'CPTPP'])
    expect(a.service.libraryStore.getTemplate('bob-notes')?.name.en).toBe('Bob’s notes')
    // What either side added stays; the marking B removed goes.
    expect([...a.service.libraryStore.settings.markings].sort()).toEqual(['Ambassador only', 'Embassy only'])
    for (const library of [a, b]) expect((await teamStatus(library.service.libraryStore))?.pending).toBe(0)

    // A deletion travels too; removing every marking empties them on the other side.
    await b.service.deleteTemplate({ id: 'bob-notes' })
    await b.service.updateSettings({ markings: [] })
    await b.sync()
    await a.sync()
    expect(a.service.libraryStore.getTemplate('bob-notes')).toBeNull()
    expect(a.service.libraryStore.settings.markings).toEqual([])
    expect(await b.shared()).toEqual(await a.shared())
  })

  it('skips a hostile template or markings document written straight into the server, and logs it', async () => {
    const [a, b, db] = await pair()
    await a.service.saveTemplate({ template: template('desk-weekly', 'Desk weekly') })
    await a.sync()
    const envelope = (id: string, kind: string, record: unknown) => ({ _id: id, kind, author: 'alice', changedBy: 'alice', changedAt: '2026-01-01T00:00:00.000Z', record })
    const good = template('good-one', 'Good one')
    const hostile = [
      envelope('template:evil-script', 'template', { ...template('evil-script', 'x'), description: { en: '<script>alert(1)</script>', vi: 'x' } }),
      envelope('template:extra-field', 'template', { ...template('extra-field', 'x'), run: 'rm -rf' }),
      envelope('template:..%2F..%2Fsettings', 'template', template('settings', 'x')),
      envelope('template:Not_An_Id', 'template', template('not-an-id', 'x')),
      envelope('markings:desk', 'markings', { id: 'desk', markings: ['x'.repeat(500)] }),
    ]
    // Written by a server admin (the design document lets admins write what replication carries).
    for (const doc of hostile) {
      const response = await serverOf().admin_('PUT', `/${db}/${encodeURIComponent(doc._id)}`, doc)
      // The design document refuses ids that are not kind:id; the others pass it and reach the clients.
      expect([201, 403]).toContain(response.status)
    }
    expect((await serverOf().admin_('PUT', `/${db}/template:good-one`, envelope('template:good-one', 'template', good))).status).toBe(201)
    const before = b.service.libraryStore.settings
    const report = await b.sync()
    expect(report.skipped).toBeGreaterThanOrEqual(3)
    expect(b.service.libraryStore.listTemplates().map((t) => t.id)).toEqual(['desk-weekly', 'good-one'])
    expect(b.service.libraryStore.settings).toEqual(before)
    const log = await readFile(join(b.dir, 'team', 'sync-log.txt'), 'utf8')
    expect(log).toContain('template:evil-script')
    expect(log).toContain('active markup')
    expect(log).toContain('template:extra-field')
    expect(log).toContain('markings:desk')
    const status = await teamStatus(b.service.libraryStore)
    expect(Object.keys(status!.skipped)).toEqual(expect.arrayContaining(['template:evil-script', 'template:extra-field', 'markings:desk']))
  })
})
