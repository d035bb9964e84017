import type { ApiClient, TemplateEntry } from '../../common/api'
import { templateProblems, type TemplateProblem } from '../../common/brief/template-problems'
import type { Template } from '../../common/brief/template'
import type { ErrorInfo } from '../../common/errors'
import { Autosave, type SaveStatus } from './autosave.svelte'

const SAVE_DELAY_MS = 500

/**
 * The template manager: the built-in and the user's templates, the one selected, and an editable
 * draft of it when it is the user's (built-ins are read-only). Like the brief editor, a draft is
 * saved by itself a moment after typing stops, but only while it is valid: a draft with problems
 * stays in the editor, its problems shown beside their fields, and the last valid version stays on
 * disk. `onChange` tells the briefs view to reload its template list.
 */
export class TemplateManager {
  readonly #api: ApiClient
  readonly #onChange: () => void
  #entries = $state.raw<TemplateEntry[]>([])
  #selectedId = $state<string | null>(null)
  #draft = $state.raw<Template | null>(null)
  readonly #autosave = new Autosave(
    SAVE_DELAY_MS,
    () => this.#save(),
    () => this.#draft !== null && templateProblems(this.#draft).length === 0,
  )

  constructor(api: ApiClient, entries: readonly TemplateEntry[], onChange: () => void) {
    this.#api = api
    this.#onChange = onChange
    this.#entries = [...entries]
    this.#select(entries[0]?.template.id ?? null)
  }

  get entries(): TemplateEntry[] {
    return this.#entries
  }
  get selected(): TemplateEntry | null {
    return this.#entries.find((entry) => entry.template.id === this.#selectedId) ?? null
  }
  /** The selected template as being edited; null for a built-in one. */
  get draft(): Template | null {
    return this.#draft
  }
  get status(): SaveStatus {
    return this.#autosave.status
  }
  get error(): ErrorInfo | null {
    return this.#autosave.error
  }
  readonly problems: TemplateProblem[] = $derived(this.#draft === null ? [] : templateProblems(this.#draft))

  /** Saves what is pending, then shows another template. */
  async select(id: string): Promise<void> {
    await this.flush()
    this.#select(id)
  }

  #select(id: string | null): void {
    this.#selectedId = id
    const entry = this.selected
    this.#draft = entry === null || entry.builtIn ? null : entry.template
    this.#autosave.reset()
  }

  /** Applies a change to the draft; schedules a save when the result is valid. */
  edit(change: (template: Template) => Template): void {
    if (this.#draft === null) return
    this.#draft = change(this.#draft)
    this.#autosave.changed()
  }

  /** Saves the draft now if it changed and is valid (before closing, switching or creating a brief). */
  flush(): Promise<void> {
    return this.#autosave.flush()
  }

  async #save(): Promise<void> {
    const sent = this.#draft
    if (sent === null) return
    const saved = await this.#api.saveTemplate($state.snapshot({ template: sent }))
    this.#entries = this.#entries.map((entry) => (entry.template.id === saved.id ? { template: saved, builtIn: false } : entry))
    this.#onChange()
  }

  /** A copy of the template, the user's own, selected for editing. */
  async duplicate(id: string): Promise<Template> {
    await this.flush()
    const copy = await this.#api.duplicateTemplate({ id })
    await this.#reload()
    this.#select(copy.id)
    return copy
  }

  /** Deletes a user template; returns it for the undo toast. */
  async remove(id: string): Promise<Template> {
    // Nothing of a template being deleted is worth saving first.
    if (this.#selectedId === id) this.#autosave.reset()
    await this.flush()
    const deleted = await this.#api.deleteTemplate({ id })
    await this.#reload()
    if (this.#selectedId === id) this.#select(this.#entries[0]?.template.id ?? null)
    return deleted
  }

  /** The undo of remove: the template saved back as it was. */
  async restore(template: Template): Promise<void> {
    await this.#api.saveTemplate($state.snapshot({ template }))
    await this.#reload()
    this.#select(template.id)
  }

  async #reload(): Promise<void> {
    this.#entries = await this.#api.listTemplates()
    this.#onChange()
  }
}
