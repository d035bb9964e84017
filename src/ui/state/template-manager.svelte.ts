import type { ApiClient, TemplateEntry } from '../../common/api'
import { templateProblems, type TemplateProblem } from '../../common/briefing/template-problems'
import type { Template } from '../../common/briefing/template'
import type { ErrorInfo } from '../../common/errors'
import { errorInfoOf } from './notices.svelte'

export type TemplateSaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'error'

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
  #status = $state<TemplateSaveStatus>('saved')
  #error = $state.raw<ErrorInfo | null>(null)
  #timer: ReturnType<typeof setTimeout> | null = null
  #saving: Promise<void> | null = null
  #dirty = false

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
  get status(): TemplateSaveStatus {
    return this.#status
  }
  get error(): ErrorInfo | null {
    return this.#error
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
    this.#status = 'saved'
    this.#error = null
    this.#dirty = false
  }

  /** Applies a change to the draft; schedules a save when the result is valid. */
  edit(change: (template: Template) => Template): void {
    if (this.#draft === null) return
    this.#draft = change(this.#draft)
    this.#dirty = true
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    if (templateProblems(this.#draft).length > 0) {
      this.#status = 'invalid'
      return
    }
    this.#status = 'pending'
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS)
  }

  /** Saves the draft now if it changed and is valid (before closing, switching or creating a brief). */
  async flush(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    while (this.#saving !== null) await this.#saving
    const sent = this.#draft
    if (!this.#dirty || sent === null || templateProblems(sent).length > 0) return
    this.#dirty = false
    this.#status = 'saving'
    this.#saving = (async () => {
      try {
        const saved = await this.#api.saveTemplate({ template: sent })
        this.#entries = this.#entries.map((entry) => (entry.template.id === saved.id ? { template: saved, builtIn: false } : entry))
        this.#error = null
        this.#status = this.#dirty ? 'pending' : 'saved'
        this.#onChange()
      } catch (error) {
        this.#dirty = true
        this.#error = errorInfoOf(error)
        this.#status = 'error'
      } finally {
        this.#saving = null
      }
    })()
    await this.#saving
    if (this.#dirty && this.status === 'pending') await this.flush()
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
    if (this.#selectedId === id) {
      // Nothing of a template being deleted is worth saving first.
      if (this.#timer !== null) clearTimeout(this.#timer)
      this.#dirty = false
    }
    await this.flush()
    const deleted = await this.#api.deleteTemplate({ id })
    await this.#reload()
    if (this.#selectedId === id) this.#select(this.#entries[0]?.template.id ?? null)
    return deleted
  }

  /** The undo of remove: the template saved back as it was. */
  async restore(template: Template): Promise<void> {
    await this.#api.saveTemplate({ template })
    await this.#reload()
    this.#select(template.id)
  }

  async #reload(): Promise<void> {
    this.#entries = await this.#api.listTemplates()
    this.#onChange()
  }
}
