import type { ApiClient, BriefingSummary, PassageCandidate, TemplateEntry } from '../../common/api'
import type { BriefingExportFormat } from '../../common/briefing/briefing-input'
import type { Briefing } from '../../common/model/briefing'
import type { Tag } from '../../common/model/tag'
import { BriefEditor } from './brief-editor.svelte'
import { TemplateManager } from './template-manager.svelte'

/** The briefs view: the list, the templates, markings and themes to create from, and the brief open in the editor. */
export class BriefsState {
  readonly #api: ApiClient
  #list = $state.raw<BriefingSummary[]>([])
  #templates = $state.raw<TemplateEntry[]>([])
  #markings = $state.raw<string[]>([])
  #tags = $state.raw<Tag[]>([])
  #editor = $state.raw<BriefEditor | null>(null)
  #loaded = $state(false)

  constructor(api: ApiClient) {
    this.#api = api
  }

  get list(): BriefingSummary[] {
    return this.#list
  }
  get templates(): TemplateEntry[] {
    return this.#templates
  }
  get markings(): string[] {
    return this.#markings
  }
  get tags(): Tag[] {
    return this.#tags
  }
  get editor(): BriefEditor | null {
    return this.#editor
  }
  get loaded(): boolean {
    return this.#loaded
  }

  async load(): Promise<void> {
    const [list, templates, markings, tags] = await Promise.all([this.#api.listBriefings(), this.#api.listTemplates(), this.#api.listMarkings(), this.#api.listTags()])
    this.#list = list
    this.#templates = templates
    this.#markings = markings
    this.#tags = tags
    this.#loaded = true
  }

  async refreshList(): Promise<void> {
    this.#list = await this.#api.listBriefings()
  }

  /** After the template manager changed a template: the list the create button offers. */
  async reloadTemplates(): Promise<void> {
    this.#templates = await this.#api.listTemplates()
  }

  /** A template manager over the current templates; every change it saves refreshes the list here. */
  async manageTemplates(): Promise<TemplateManager> {
    await this.reloadTemplates()
    return new TemplateManager(this.#api, this.#templates, () => void this.reloadTemplates())
  }

  /** Saves the user's own markings (the built-in ones are not stored) and reloads the offered list. */
  async saveMarkings(markings: readonly string[]): Promise<void> {
    await this.#api.updateSettings({ markings: [...markings] })
    this.#markings = await this.#api.listMarkings()
  }

  /** The user's own markings, as stored (the editor's starting point). */
  async userMarkings(): Promise<string[]> {
    return (await this.#api.getSettings()).markings
  }

  async open(id: string): Promise<void> {
    await this.#editor?.flush()
    const view = await this.#api.getBriefing({ id })
    this.#editor = new BriefEditor(this.#api, view.briefing, view.orphanedAnnotationIds, () => void this.refreshList())
  }

  async create(request: { title: string; templateId?: string; tagIds?: string[] }): Promise<Briefing> {
    const briefing = await this.#api.createBriefing(request)
    await this.refreshList()
    await this.open(briefing.id)
    return briefing
  }

  /** Deletes a brief and returns it, for the undo toast. */
  async remove(id: string): Promise<Briefing> {
    if (this.#editor?.briefing.id === id) this.#editor = null
    const deleted = await this.#api.deleteBriefing({ id })
    await this.refreshList()
    return deleted
  }

  async undoRemove(briefing: Briefing): Promise<void> {
    await this.#api.restoreBriefing({ briefing })
    await this.refreshList()
  }

  passagesOfArticle(articleId: string): Promise<PassageCandidate[]> {
    return this.#api.passagesOfArticle({ articleId })
  }

  passagesOfTheme(tagId: string): Promise<PassageCandidate[]> {
    return this.#api.passagesOfTheme({ tagId })
  }

  async export(format: BriefingExportFormat): Promise<string | null> {
    const editor = this.#editor
    if (editor === null) return null
    await editor.flush()
    const outcome = await this.#api.exportBriefing({ id: editor.briefing.id, format })
    return outcome.status === 'done' ? outcome.path : null
  }
}
