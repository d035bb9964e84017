import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { editRowIn, editedRow } from '../../src/common/brief/edit-row'
import type { EventRow, PersonRow } from '../../src/common/model/brief'
import { tempDir } from '../helpers'
import { seededLibrary } from '../themes/library'
import { closeService, closeServices, CONSULTATION, openExporting as open, rowsOf, VISIT } from './dossier-service'

/**
 * The user's own words in a dossier row, over the real store on a real folder: a Who's who row's
 * name and role and a Chronology row's text are edited in a brief; the edit is stored, Refresh
 * (after the library gains an article) neither offers the edited rows again nor touches them, and
 * the export prints the edited words with the row's footnote to its passage.
 */
afterEach(closeServices)

describe('editing a dossier row’s words', () => {
  it('changes only the words: keys and citation stay; blank words are no edit', () => {
    const person: PersonRow = {
      kind: 'person',
      key: 'ha kim ngoc',
      keys: ['kim ngoc'],
      name: 'Hà Kim Ngọc',
      role: 'Thứ trưởng',
      country: null,
      organisation: null,
      citation: { articleId: '87ac6e0b16b8', articleTitle: 'T', source: null, published: '2024-10-04', paragraph: 1 },
    }
    expect(editedRow(person, { kind: 'person', name: ' H.E. Hà Kim Ngọc ', role: '' })).toEqual({ ...person, name: 'H.E. Hà Kim Ngọc', role: null })
    expect(editedRow(person, { kind: 'person', name: '  ', role: 'Deputy Minister' })).toEqual({ ...person, role: 'Deputy Minister' })
    expect(editedRow(person, { kind: 'event', text: 'x' })).toBe(person)
    const sections = editRowIn([{ id: 's1', heading: 'W', body: '', items: [], dossier: 'people', rows: [person] }], 's1', 'ha kim ngoc', { kind: 'person', name: 'A', role: 'B' })
    expect(sections[0]?.rows?.[0]).toMatchObject({ key: 'ha kim ngoc', keys: ['kim ngoc'], name: 'A', role: 'B', citation: person.citation })
  })

  it('keeps the edit through a save, a reopening and Refresh, and exports it cited', { timeout: 120_000 }, async () => {
    const dir = await seededLibrary([CONSULTATION])
    const out = join(await tempDir(), 'brief.md')
    let service = await open(dir, out)
    const visits = (await service.listTags()).find((tag) => tag.name === 'High-level visits')!
    const created = await service.createBrief({ title: 'Peru', templateId: 'background-brief', tagIds: [visits.id], lang: 'en' })
    const peopleSection = created.sections.find((section) => section.dossier === 'people')!
    const chronology = created.sections.find((section) => section.dossier === 'chronology')!
    const deputy = (rowsOf(created, 'people') as PersonRow[]).find((row) => row.name === 'Hà Kim Ngọc')!
    const meeting = (rowsOf(created, 'chronology') as EventRow[]).find((row) => row.from === '2024-10-03')!

    let sections = editRowIn(created.sections, peopleSection.id, deputy.key, { kind: 'person', name: 'H.E. Hà Kim Ngọc', role: 'Deputy Minister of Foreign Affairs' })
    sections = editRowIn(sections, chronology.id, meeting.key, { kind: 'event', text: '5th political consultation, Lima' })
    await service.updateBrief({ ...created, sections })
    await closeService(service)

    // The library gains an article on the brief's theme: Refresh has new rows to offer.
    await seededLibrary([VISIT], dir)
    service = await open(dir, out)
    const refreshed = await service.refreshBrief({ id: created.id })
    expect(refreshed.people.length + refreshed.events.length).toBeGreaterThan(0)
    expect(refreshed.people.some((row) => [row.key, ...(row.keys ?? [])].includes(deputy.key))).toBe(false)
    expect(refreshed.events.some((row) => [row.key, ...(row.keys ?? [])].includes(meeting.key))).toBe(false)

    const stored = (await service.getBrief({ id: created.id })).brief
    expect((rowsOf(stored, 'people') as PersonRow[]).find((row) => row.key === deputy.key)).toEqual({ ...deputy, name: 'H.E. Hà Kim Ngọc', role: 'Deputy Minister of Foreign Affairs' })
    expect((rowsOf(stored, 'chronology') as EventRow[]).find((row) => row.key === meeting.key)).toEqual({ ...meeting, text: '5th political consultation, Lima' })

    // Taking an offered row keeps the edited ones as they are.
    const taken = await service.updateBrief({
      ...stored,
      sections: stored.sections.map((section) => (section.dossier === 'people' ? { ...section, rows: [...(section.rows ?? []), ...refreshed.people] } : section)),
    })
    expect((rowsOf(taken, 'people') as PersonRow[]).find((row) => row.key === deputy.key)?.name).toBe('H.E. Hà Kim Ngọc')

    expect(await service.exportBrief({ id: created.id, format: 'md' })).toMatchObject({ status: 'done' })
    const markdown = await readFile(out, 'utf8')
    const personNote = /\| H\.E\. Hà Kim Ngọc \| Deputy Minister of Foreign Affairs \| [^|]* \| \[\^(\d+)\] \|/.exec(markdown)?.[1]
    const eventNote = /\| 3 October 2024 \| 5th political consultation, Lima \| \[\^(\d+)\] \|/.exec(markdown)?.[1]
    expect(personNote).toBeDefined()
    expect(eventNote).toBeDefined()
    // Both footnotes still point at the paragraph the rows came from.
    for (const [note, { citation }] of [[personNote, deputy], [eventNote, meeting]] as const) {
      const line = markdown.split('\n').find((candidate) => candidate.startsWith(`[^${note}]: `))
      expect(line).toContain(`“${citation.articleTitle}”`)
      expect(line).toMatch(new RegExp(`, paragraph ${citation.paragraph}\\.$`))
    }
    expect(markdown).not.toContain('| Hà Kim Ngọc |')
  })
})
