import { SvelteSet } from 'svelte/reactivity'
import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import type { Brief, DossierKind, DossierRow, ExportSnapshot, PassageItem, Section } from '../../common/model/brief'
import type { BriefRefresh } from '../../common/brief/brief-refresh'
import { Autosave, type SaveStatus } from './autosave.svelte'
import { moveItem } from './move-item'
import { randomId } from '../lib/random-id'

const SAVE_DELAY_MS = 600
const PREVIEW_DELAY_MS = 250

/**
 * One brief being edited. Every change replaces the local record at once (the editor and the
 * announcements follow it) and schedules an autosave; the preview follows after a short pause.
 * A save sends the whole record with the revision it was edited from; edits made while a save is
 * in flight are kept and saved next, on the new revision. A failed save keeps the edits and says
 * so: nothing typed is lost, and a stale revision (another window saved first) is reported, not
 * overwritten.
 */
export class BriefEditor {
  readonly #api: ApiClient
  #brief = $state.raw<Brief>(null as unknown as Brief)
  #preview = $state.raw<Brief>(null as unknown as Brief)
  #orphans = $state.raw<ReadonlySet<string>>(new SvelteSet())
  readonly #autosave = new Autosave(SAVE_DELAY_MS, () => this.#save())
  #previewTimer: ReturnType<typeof setTimeout> | null = null
  #lastSectionId = $state<string | null>(null)
  readonly #onSaved: (brief: Brief) => void

  constructor(api: ApiClient, brief: Brief, orphans: readonly string[], onSaved: (brief: Brief) => void) {
    this.#api = api
    this.#brief = brief
    this.#preview = brief
    this.#orphans = new SvelteSet(orphans)
    this.#onSaved = onSaved
  }

  get brief(): Brief {
    return this.#brief
  }

  /** The record the preview shows: the latest one, a moment after typing stops. */
  get preview(): Brief {
    return this.#preview
  }

  get orphans(): ReadonlySet<string> {
    return this.#orphans
  }

  get status(): SaveStatus {
    return this.#autosave.status
  }

  get error(): ErrorInfo | null {
    return this.#autosave.error
  }

  /** The section the user worked in last: where "Add to brief" from a search result puts a passage. */
  get lastSectionId(): string | null {
    return this.#lastSectionId
  }

  focusSection(sectionId: string): void {
    this.#lastSectionId = sectionId
  }

  /** Passages added from elsewhere whose highlights are orphaned: flagged like those added here. */
  noteOrphans(annotationIds: readonly string[]): void {
    if (annotationIds.length > 0) this.#orphans = new SvelteSet([...this.#orphans, ...annotationIds])
  }

  /** Applies a change to the record and schedules the save and the preview. */
  edit(change: (brief: Brief) => Brief): void {
    this.#brief = change(this.#brief)
    this.#autosave.changed()
    if (this.#previewTimer !== null) clearTimeout(this.#previewTimer)
    this.#previewTimer = setTimeout(() => (this.#preview = this.#brief), PREVIEW_DELAY_MS)
  }

  setField(field: 'title' | 'occasion' | 'audience' | 'marking', value: string): void {
    this.edit((brief) => ({ ...brief, [field]: value }))
  }

  setDate(value: string): void {
    this.edit((brief) => ({ ...brief, date: /^\d{4}(-\d\d){0,2}$/.test(value) ? value : null }))
  }

  editSection(sectionId: string, change: Partial<Pick<Section, 'heading' | 'body'>>): void {
    this.edit((brief) => ({ ...brief, sections: brief.sections.map((section) => (section.id === sectionId ? { ...section, ...change } : section)) }))
  }

  editItem(sectionId: string, itemId: string, change: Partial<Pick<PassageItem, 'mode' | 'paraphrase'>>): void {
    this.edit((brief) => ({
      ...brief,
      sections: brief.sections.map((section) =>
        section.id === sectionId ? { ...section, items: section.items.map((item) => (item.id === itemId ? { ...item, ...change } : item)) } : section,
      ),
    }))
  }

  addSection(section: Section): void {
    this.edit((brief) => ({ ...brief, sections: [...brief.sections, section] }))
  }

  removeSection(sectionId: string): void {
    this.edit((brief) => ({ ...brief, sections: brief.sections.filter((section) => section.id !== sectionId) }))
  }

  moveSection(from: number, to: number): void {
    this.edit((brief) => ({ ...brief, sections: moveItem(brief.sections, from, to) }))
  }

  addPassages(sectionId: string, items: readonly PassageItem[], orphaned: readonly string[]): void {
    this.#orphans = new SvelteSet([...this.#orphans, ...orphaned])
    this.edit((brief) => ({
      ...brief,
      sections: brief.sections.map((section) => (section.id === sectionId ? { ...section, items: [...section.items, ...items] } : section)),
    }))
  }

  removeItem(sectionId: string, itemId: string): void {
    this.edit((brief) => ({
      ...brief,
      sections: brief.sections.map((section) => (section.id === sectionId ? { ...section, items: section.items.filter((item) => item.id !== itemId) } : section)),
    }))
  }

  moveItem(sectionId: string, from: number, to: number): void {
    this.edit((brief) => ({
      ...brief,
      sections: brief.sections.map((section) => (section.id === sectionId ? { ...section, items: moveItem(section.items, from, to) } : section)),
    }))
  }

  /** Removes a dossier row; its key is remembered so that Refresh does not offer it again. */
  removeRow(sectionId: string, key: string): void {
    this.edit((brief) => ({
      ...brief,
      sections: brief.sections.map((section) =>
        section.id === sectionId ? { ...section, rows: (section.rows ?? []).filter((row) => row.key !== key), removedKeys: [...(section.removedKeys ?? []).filter((removed) => removed !== key), key] } : section,
      ),
    }))
  }

  moveRow(sectionId: string, from: number, to: number): void {
    this.edit((brief) => ({
      ...brief,
      sections: brief.sections.map((section) => (section.id === sectionId ? { ...section, rows: moveItem(section.rows ?? [], from, to) } : section)),
    }))
  }

  /**
   * Adds a row offered by Refresh at the end of the first section of its kind (a new section at
   * the end when the brief has none); returns that section's id.
   */
  addRow(row: DossierRow, heading: string): string {
    const kind: DossierKind = row.kind === 'person' ? 'people' : 'chronology'
    let target = this.#brief.sections.find((section) => section.dossier === kind)?.id
    if (target === undefined) {
      target = randomId('section')
      const id = target
      this.edit((brief) => ({ ...brief, sections: [...brief.sections, { id, heading, body: '', items: [], dossier: kind, rows: [] }] }))
    }
    const id = target
    this.edit((brief) => ({
      ...brief,
      sections: brief.sections.map((section) =>
        section.id === id ? { ...section, rows: [...(section.rows ?? []), row], removedKeys: (section.removedKeys ?? []).filter((key) => key !== row.key) } : section,
      ),
    }))
    return id
  }

  /** Takes the export's snapshot (written by the export, not by a save) without saving anything. */
  adoptExport(snapshot: ExportSnapshot | undefined): void {
    if (snapshot === undefined) return
    this.#brief = { ...this.#brief, lastExport: snapshot }
    this.#preview = { ...this.#preview, lastExport: snapshot }
  }

  /** What Refresh found, kept while the editor is open (null: not asked yet). */
  refreshed = $state.raw<BriefRefresh | null>(null)

  async refresh(): Promise<void> {
    this.refreshed = await this.#api.refreshBrief({ id: this.#brief.id })
  }

  /** Saves now (e.g. before closing or exporting); resolves once the latest edits are stored or failed. */
  flush(): Promise<void> {
    return this.#autosave.flush()
  }

  /** Sends the whole record with the revision it was edited from. */
  async #save(): Promise<void> {
    const sent = this.#brief
    const saved = await this.#api.updateBrief($state.snapshot(sent))
    // Edits made during the save stay; they are saved next on the new revision.
    this.#brief = this.#brief === sent ? saved : { ...this.#brief, updatedAt: saved.updatedAt }
    this.#onSaved(saved)
  }
}
