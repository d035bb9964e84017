import type { ApiClient, BriefSummary, PassageCandidate, TemplateEntry } from '../../common/api'
import type { BriefExportFormat } from '../../common/brief/brief-input'
import { withoutPassage, withPassage } from '../../common/brief/add-passage'
import type { Brief, Section } from '../../common/model/brief'
import type { LibraryChange } from '../../common/model/library-change'
import { randomId } from '../lib/random-id'
import type { Tag } from '../../common/model/tag'
import { BriefEditor } from './brief-editor.svelte'
import { TemplateManager } from './template-manager.svelte'

/** The briefs view: the list, the templates, markings and themes to create from, and the brief open in the editor. */
export class BriefsState {
  readonly #api: ApiClient
  #list = $state.raw<BriefSummary[]>([])
  #templates = $state.raw<TemplateEntry[]>([])
  #markings = $state.raw<string[]>([])
  #tags = $state.raw<Tag[]>([])
  /** Highlights under each theme (its own and its sub-themes', each once), by tag id: as the Themes view counts. */
  #themeCounts = $state.raw<Record<string, number>>({})
  /** The template new briefs are laid out by, from a template or from themes (here or in the Themes view). */
  #templateId = $state('background-brief')
  #editor = $state.raw<BriefEditor | null>(null)
  #loaded = $state(false)

  constructor(api: ApiClient) {
    this.#api = api
  }

  get list(): BriefSummary[] {
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
  get themeCounts(): Record<string, number> {
    return this.#themeCounts
  }
  /** The chosen template, or the first one offered when it has gone (deleted in the template manager). */
  get templateId(): string {
    const templates = this.#templates
    return templates.length === 0 || templates.some((entry) => entry.template.id === this.#templateId) ? this.#templateId : templates[0]!.template.id
  }
  set templateId(id: string) {
    this.#templateId = id
  }
  get editor(): BriefEditor | null {
    return this.#editor
  }
  get loaded(): boolean {
    return this.#loaded
  }

  async load(): Promise<void> {
    const [list, templates, markings, themes] = await Promise.all([this.#api.listBriefs(), this.#api.listTemplates(), this.#api.listMarkings(), this.#api.themeOverview()])
    this.#list = list
    this.#templates = templates
    this.#markings = markings
    this.#tags = themes.tags
    this.#themeCounts = themes.totals
    this.#loaded = true
  }

  /** Follows the library's change feed: the lists of briefs and of templates are read again when one was written or deleted, whoever did it. */
  followChange(change: LibraryChange): void {
    if (!this.#loaded) return
    if (change.everything || change.briefs.length > 0 || change.deletedBriefs.length > 0) void this.refreshList().catch(() => undefined)
    if (change.everything || (change.templates?.length ?? 0) + (change.deletedTemplates?.length ?? 0) > 0) void this.reloadTemplates().catch(() => undefined)
  }

  async refreshList(): Promise<void> {
    this.#list = await this.#api.listBriefs()
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
    await this.#api.updateSettings($state.snapshot({ markings: [...markings] }))
    this.#markings = await this.#api.listMarkings()
  }

  /** The user's own markings, as stored (the editor's starting point). */
  async userMarkings(): Promise<string[]> {
    return (await this.#api.getSettings()).markings
  }

  async open(id: string): Promise<void> {
    await this.#editor?.flush()
    const view = await this.#api.getBrief({ id })
    this.#editor = new BriefEditor(this.#api, view.brief, view.orphanedAnnotationIds, () => void this.refreshList())
  }

  async create(request: { title: string; templateId?: string; tagIds?: string[] }): Promise<Brief> {
    const brief = await this.#api.createBrief($state.snapshot(request))
    await this.refreshList()
    await this.open(brief.id)
    return brief
  }

  /** "Brief from this theme" (Themes view): a new brief of the theme's passages, laid out by the chosen template. */
  async createFromTheme(tagId: string): Promise<Brief> {
    if (!this.#loaded) await this.load()
    return this.create({ title: '', templateId: this.templateId, tagIds: [tagId] })
  }

  /** Deletes a brief and returns it, for the undo toast. */
  async remove(id: string): Promise<Brief> {
    if (this.#editor?.brief.id === id) this.#editor = null
    const deleted = await this.#api.deleteBrief({ id })
    await this.refreshList()
    return deleted
  }

  async undoRemove(brief: Brief): Promise<void> {
    await this.#api.restoreBrief($state.snapshot({ brief }))
    await this.refreshList()
  }

  passagesOfArticle(articleId: string): Promise<PassageCandidate[]> {
    return this.#api.passagesOfArticle({ articleId })
  }

  passagesOfTheme(tagId: string): Promise<PassageCandidate[]> {
    return this.#api.passagesOfTheme({ tagId })
  }

  /** Loads the list (the first time) or refreshes it: the add-to-brief picker may open before the Briefs view ever did. */
  async ensureLoaded(): Promise<void> {
    if (this.#loaded) await this.refreshList()
    else await this.load()
  }

  /** A brief's sections: the open editor's (with unsaved edits) when it holds that brief, else the stored ones. */
  async sectionsOf(briefId: string): Promise<Section[]> {
    if (this.#editor?.brief.id === briefId) return this.#editor.brief.sections
    return (await this.#api.getBrief({ id: briefId })).brief.sections
  }

  /**
   * Adds one passage (from a search result) to a brief's section, or to a new section headed
   * `newHeading` when `sectionId` is null. Goes through the open editor when it holds that brief,
   * so that its unsaved edits and revision stay consistent; otherwise edits the stored brief.
   * Resolves once saved, with what the confirmation names and the undo.
   */
  async addPassage(briefId: string, sectionId: string | null, candidate: PassageCandidate, newHeading: string): Promise<{ brief: string; section: string; undo: () => Promise<void> }> {
    const item = { ...candidate.passage, id: randomId('item') }
    const newSection = { id: randomId('section'), heading: newHeading, body: '', items: [] }
    let placed: ReturnType<typeof withPassage> | null = null
    const saved = await this.#change(briefId, (brief) => {
      placed = withPassage(brief, { sectionId, newSection }, item)
      return placed.brief
    })
    if (candidate.orphaned && this.#editor?.brief.id === briefId) this.#editor.noteOrphans([candidate.passage.annotationId])
    const { section, createdSection } = placed!
    return {
      brief: saved.title,
      section: section.heading,
      undo: async () => void (await this.#change(briefId, (brief) => withoutPassage(brief, item.id, createdSection ? section.id : null))),
    }
  }

  /** Applies `change` to a brief and saves it: through the open editor when it holds the brief. */
  async #change(briefId: string, change: (brief: Brief) => Brief): Promise<Brief> {
    const editor = this.#editor
    if (editor?.brief.id === briefId) {
      editor.edit(change)
      await editor.flush()
      if (editor.error !== null) throw Object.assign(new Error(editor.error.message), { info: editor.error })
      return editor.brief
    }
    const { brief } = await this.#api.getBrief({ id: briefId })
    const saved = await this.#api.updateBrief($state.snapshot(change(brief)))
    await this.refreshList()
    return saved
  }

  async export(format: BriefExportFormat): Promise<string | null> {
    const editor = this.#editor
    if (editor === null) return null
    await editor.flush()
    const outcome = await this.#api.exportBrief({ id: editor.brief.id, format })
    if (outcome.status !== 'done') return null
    // The export recorded what the brief holds: What's new and Refresh now start from there.
    editor.adoptExport((await this.#api.getBrief({ id: editor.brief.id })).brief.lastExport)
    if (editor.refreshed !== null) await editor.refresh()
    return outcome.path
  }
}
