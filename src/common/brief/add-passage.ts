import type { Brief, PassageItem, Section } from '../model/brief'

/**
 * Adding one passage to a brief from outside its editor (from a search result), and taking it out
 * again for an undo. Pure: the caller applies the change to the open editor's record or to the
 * stored one, whichever holds the brief.
 */
export interface PassagePlace {
  /** The section to append to; when null or gone, `newSection` is appended to hold the passage. */
  readonly sectionId: string | null
  readonly newSection: Section
}

/** The brief with `item` at the end of the chosen section, and the section it went into. */
export function withPassage(brief: Brief, place: PassagePlace, item: PassageItem): { brief: Brief; section: Section; createdSection: boolean } {
  const existing = brief.sections.find((section) => section.id === place.sectionId)
  if (existing === undefined) {
    const section = { ...place.newSection, items: [...place.newSection.items, item] }
    return { brief: { ...brief, sections: [...brief.sections, section] }, section, createdSection: true }
  }
  const section = { ...existing, items: [...existing.items, item] }
  return { brief: { ...brief, sections: brief.sections.map((candidate) => (candidate.id === existing.id ? section : candidate)) }, section, createdSection: false }
}

/**
 * The brief without the passage `itemId`, wherever it has moved since; `createdSectionId` (the
 * section made to hold it) goes too if nothing else was put in it and its text is still empty.
 */
export function withoutPassage(brief: Brief, itemId: string, createdSectionId: string | null): Brief {
  const sections = brief.sections
    .map((section) => ({ ...section, items: section.items.filter((item) => item.id !== itemId) }))
    .filter((section) => !(section.id === createdSectionId && section.items.length === 0 && section.body.trim() === ''))
  return { ...brief, sections }
}
