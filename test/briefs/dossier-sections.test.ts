import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Brief, EventRow, PersonRow } from '../../src/common/model/brief'
import { cliInProcess } from '../cli-runner'
import { closeService, closeServices, BITEL, CONSULTATION, openExporting as open, rowsOf, VISIT } from '../brief/dossier-service'
import { tempDir } from '../helpers'
import { seededLibrary } from '../themes/library'

/**
 * The dossier in a brief, over the real store on a real folder: a brief drafted from a theme with
 * the Background template fills Who's who and Chronology from its sources, cited; Refresh lists
 * what the library gained since the last export; the user's removals and order survive; the next
 * export says what is new.
 */
afterEach(closeServices)

describe('dossier sections in a brief', () => {
  it('fills Who’s who and Chronology from the sources, keeps the user’s edits, and refreshes with what is new since the export', { timeout: 120_000 }, async () => {
    const dir = await seededLibrary([CONSULTATION, VISIT])
    const out = join(await tempDir(), 'brief.md')
    let service = await open(dir, out)
    const visits = (await service.listTags()).find((tag) => tag.name === 'High-level visits')!
    const created = await service.createBrief({ title: 'Peru', templateId: 'background-brief', tagIds: [visits.id], lang: 'en' })

    const people = rowsOf(created, 'people') as PersonRow[]
    expect(people.find((row) => row.name === 'Hà Kim Ngọc')).toMatchObject({ role: 'Thứ trưởng Bộ Ngoại giao', citation: { paragraph: 1 } })
    // "Đại sứ Kim Hoa" and "Phạm Thị Kim Hoa" are one row, cited where she is named with her title.
    expect(people.filter((row) => row.name.includes('Kim Hoa')).map((row) => row.name)).toEqual(['Phạm Thị Kim Hoa'])
    const events = rowsOf(created, 'chronology') as EventRow[]
    expect(events.find((row) => row.from === '2024-10-03')).toMatchObject({ to: '2024-10-03', precision: 'day', dateText: '3/10', citation: { paragraph: 1 } })
    expect(events.find((row) => row.from === '2023-04-17')).toMatchObject({ to: '2023-04-21' })
    expect(events.find((row) => row.from === '2024-11')?.future).toBe(true)

    // Nothing new yet: everything its theme matches is in it.
    expect(await service.refreshBrief({ id: created.id })).toMatchObject({ since: null, articles: [], passages: [], people: [], events: [] })

    // The user removes a row and moves the last person first.
    const removed = people[1]!
    const edited: Brief = {
      ...created,
      sections: created.sections.map((section) => {
        if (section.dossier !== 'people') return section
        const kept = (section.rows ?? []).filter((row) => row.key !== removed.key)
        return { ...section, rows: [kept.at(-1)!, ...kept.slice(0, -1)], removedKeys: [removed.key] }
      }),
    }
    const saved = await service.updateBrief(edited)

    expect(await service.exportBrief({ id: created.id, format: 'md' })).toMatchObject({ status: 'done' })
    const first = await readFile(out, 'utf8')
    expect(first).toContain('## Who’s who')
    expect(first).toContain('| 3 October 2024 | Ngày 3/10, tại thủ đô Lima')
    expect(first).toContain('| 17–21 April 2023 |')
    expect(first).toContain('| November 2024 (planned) |')
    expect(first).not.toContain('## Since the last version')
    expect(first).not.toContain(`| ${removed.name} |`)
    // The export recorded what the brief held, without making the editor's copy stale.
    const afterExport = (await service.getBrief({ id: created.id })).brief
    expect(afterExport.updatedAt).toBe(saved.updatedAt)
    expect(afterExport.lastExport?.annotationIds).toHaveLength(2)
    await closeService(service)

    // The library gains a passage on the theme in another article.
    await seededLibrary([BITEL], dir)
    service = await open(dir, out)
    const refreshed = await service.refreshBrief({ id: created.id })
    expect(refreshed.since).toBe(afterExport.lastExport?.at)
    expect(refreshed.articles.map((article) => article.title)).toEqual([expect.stringContaining('Bitel brings free internet')])
    expect(refreshed.passages.map(({ passage }) => passage.quote)).toEqual([BITEL.quote])
    expect(refreshed.figures.map((figure) => figure.text)).toContain('4,743 schools')
    expect(refreshed.events.map((row) => row.from)).toContain('2022')
    // Bitel's launch in 2014 is already in the brief (the Vietnamese trade article reports it): the
    // English report of it is the same event (merged across languages), not a new one.
    expect(refreshed.events.map((row) => row.from)).not.toContain('2014')
    // The removed row is not offered again; the rows already there are not either.
    expect(refreshed.people.map((row) => row.key)).not.toContain(removed.key)
    expect(refreshed.people.some((row) => row.name === 'Hà Kim Ngọc')).toBe(false)

    // The user adds the passage and the 2022 event; a save keeps the user's order and removal.
    const current = (await service.getBrief({ id: created.id })).brief
    const event2022 = refreshed.events.find((row) => row.from === '2022')!
    const withNew = await service.updateBrief({
      ...current,
      sections: current.sections.map((section) =>
        section.dossier === 'chronology' ? { ...section, rows: [...(section.rows ?? []), event2022] } : section.heading === 'High-level visits' ? { ...section, items: [...section.items, refreshed.passages[0]!.passage] } : section,
      ),
    })
    expect((rowsOf(withNew, 'people') as PersonRow[]).map((row) => row.key)).toEqual((rowsOf(saved, 'people') as PersonRow[]).map((row) => row.key))
    expect(withNew.lastExport).toEqual(afterExport.lastExport)

    const secondOut = await service.exportBrief({ id: created.id, format: 'md' })
    expect(secondOut).toMatchObject({ status: 'done' })
    const second = await readFile(out, 'utf8')
    const start = second.indexOf('## Since the last version')
    const whatsNew = second.slice(start, second.indexOf('\n## ', start + 1))
    expect(whatsNew).toMatch(/New source:\*\* “Bitel brings free internet/)
    expect(whatsNew).toMatch(/New passage:\*\* now provides free internet access to 4,743 schools\[\^\d+\]/)
    expect(whatsNew).toMatch(/New in the chronology:\*\* 2022: /)
    expect(whatsNew).not.toContain('Hà Kim Ngọc')
    expect(await service.refreshBrief({ id: created.id })).toMatchObject({ passages: [], articles: [], figures: [] })
  })

  it('applies the People view’s decisions: a renamed person keeps the new name, a hidden one is left out', { timeout: 120_000 }, async () => {
    const dir = await seededLibrary([CONSULTATION, VISIT])
    const service = await open(dir, join(await tempDir(), 'brief.md'))
    const { people } = await service.dossierPeople()
    const deputy = people.find((person) => person.name === 'Hà Kim Ngọc')!
    const ambassador = people.find((person) => person.name === 'Phạm Thị Kim Hoa')!
    await service.decidePerson({ kind: 'hide', key: deputy.key })
    await service.decidePerson({ kind: 'rename', key: ambassador.key, name: 'Phạm Thị Kim Hoa (Đại sứ)' })
    const visits = (await service.listTags()).find((tag) => tag.name === 'High-level visits')!
    const created = await service.createBrief({ title: 'Peru', templateId: 'background-brief', tagIds: [visits.id], lang: 'en' })
    const names = (rowsOf(created, 'people') as PersonRow[]).map((row) => row.name)
    expect(names).toContain('Phạm Thị Kim Hoa (Đại sứ)')
    expect(names).not.toContain('Phạm Thị Kim Hoa')
    expect(names).not.toContain('Hà Kim Ngọc')
  })

  it('brief refresh on the command line: lines in the user’s language, JSON, exit 1 for an unknown brief and 2 for a missing id', { timeout: 90_000 }, async () => {
    const dir = await seededLibrary([CONSULTATION])
    const created = JSON.parse((await cliInProcess(['--data-dir', dir, 'brief', 'create', '--title', 'Peru', '--template', 'meeting-note', '--json'])).stdout) as Brief
    await seededLibrary([{ ...VISIT, tags: ['High-level visits'] }], dir)
    // A brief from a template alone has no themes and cites nothing: nothing to offer.
    const empty = await cliInProcess(['--data-dir', dir, 'brief', 'refresh', created.id])
    expect([empty.code, empty.stdout]).toEqual([0, 'New for “Peru” (not exported yet):\nNothing matches this brief’s themes.\n'.replace('Nothing matches', 'Nothing new matches')])
    const drafted = JSON.parse((await cliInProcess(['--data-dir', dir, 'brief', 'create', '--title', 'Lima', '--tag', 'High-level visits', '--json'])).stdout) as Brief
    const json = await cliInProcess(['--data-dir', dir, 'brief', 'refresh', drafted.id, '--json'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ since: null, passages: [] })
    const unknown = await cliInProcess(['--data-dir', dir, 'brief', 'refresh', 'br_0000000000000000'], { BRIEFING_LOCALE: 'vi' })
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)
    const missing = await cliInProcess(['--data-dir', dir, 'brief', 'refresh'])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toContain('brief refresh')
  })
})
