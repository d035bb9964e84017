import type { DossierRow, Section } from '../model/brief'

/**
 * The user's own words for a dossier row: a person's name and role, an event's text. Only those
 * change: the row's keys (dossier-rows.ts), by which Refresh recognises it and does not offer it
 * again, and its citation, which still points at the passage it came from, stay as they were.
 * Rows are snapshots, so nothing recomputed later overwrites the edit. Blank text is no edit: a
 * person keeps a name and an event its text; a blank role means none.
 */
export type RowTextChange = { readonly kind: 'person'; readonly name: string; readonly role: string } | { readonly kind: 'event'; readonly text: string }

export function editedRow(row: DossierRow, change: RowTextChange): DossierRow {
  if (row.kind === 'person' && change.kind === 'person') {
    const name = change.name.trim()
    const role = change.role.trim()
    return { ...row, name: name === '' ? row.name : name, role: role === '' ? null : role }
  }
  if (row.kind === 'event' && change.kind === 'event') {
    const text = change.text.trim()
    return text === '' ? row : { ...row, text }
  }
  return row
}

/** The sections with the row of that key, in that section, edited. */
export function editRowIn(sections: readonly Section[], sectionId: string, key: string, change: RowTextChange): Section[] {
  return sections.map((section) =>
    section.id === sectionId ? { ...section, rows: (section.rows ?? []).map((row) => (row.key === key ? editedRow(row, change) : row)) } : section,
  )
}
