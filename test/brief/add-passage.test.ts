import { describe, expect, it } from 'vitest'
import { withoutPassage, withPassage } from '../../src/common/brief/add-passage'
import type { Brief, PassageItem } from '../../src/common/model/brief'
import { briefWith, quotedPassage } from './records'

const item = (id: string): PassageItem =>
  quotedPassage({
    id,
    annotationId: 'an_00000000000000b1',
    quote: 'kim ngạch thương mại hai chiều',
    citation: { articleId: '0000000000a1', articleTitle: 'Peru', source: 'TTXVN', published: '2023-04-24', paragraph: 3 },
  })

const brief: Brief = briefWith({
  id: 'br_0000000000000001',
  title: 'Peru',
  sections: [
    { id: 'sc_0000000000000001', heading: 'Objectives', body: '', items: [] },
    { id: 'sc_0000000000000002', heading: 'Points to make', body: 'Intro', items: [item('it_0000000000000001')] },
  ],
  at: '2024-12-01T00:00:00.000Z',
})
const newSection = { id: 'sc_00000000000000ff', heading: 'New section', body: '', items: [] }

describe('adding one passage from outside the editor', () => {
  it('appends to the chosen section and leaves the others alone', () => {
    const { brief: updated, section, createdSection } = withPassage(brief, { sectionId: 'sc_0000000000000002', newSection }, item('it_0000000000000002'))
    expect(createdSection).toBe(false)
    expect(section.heading).toBe('Points to make')
    expect(updated.sections[1]!.items.map((entry) => entry.id)).toEqual(['it_0000000000000001', 'it_0000000000000002'])
    expect(updated.sections[0]).toBe(brief.sections[0])
    expect(brief.sections[1]!.items).toHaveLength(1)
  })

  it('makes a new section at the end when none is chosen or the chosen one is gone', () => {
    for (const sectionId of [null, 'sc_0000000000000009']) {
      const { brief: updated, createdSection } = withPassage(brief, { sectionId, newSection }, item('it_0000000000000002'))
      expect(createdSection).toBe(true)
      expect(updated.sections.at(-1)).toEqual({ ...newSection, items: [item('it_0000000000000002')] })
    }
  })

  it('undoes by taking out that passage wherever it moved, and the section made for it if still empty', () => {
    const added = withPassage(brief, { sectionId: null, newSection }, item('it_0000000000000002'))
    expect(withoutPassage(added.brief, 'it_0000000000000002', newSection.id)).toEqual(brief)
    // The user wrote in the new section meanwhile: it stays.
    const written = { ...added.brief, sections: added.brief.sections.map((section) => (section.id === newSection.id ? { ...section, body: 'Notes' } : section)) }
    expect(withoutPassage(written, 'it_0000000000000002', newSection.id).sections.at(-1)).toMatchObject({ id: newSection.id, body: 'Notes', items: [] })
    // A passage already in the section is not touched.
    const intoExisting = withPassage(brief, { sectionId: 'sc_0000000000000002', newSection }, item('it_0000000000000002'))
    expect(withoutPassage(intoExisting.brief, 'it_0000000000000002', null)).toEqual(brief)
  })
})
