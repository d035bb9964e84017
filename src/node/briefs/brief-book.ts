import * as v from 'valibot'
import type { BriefSummary, BriefView, TemplateEntry } from '../../common/api'
import { briefFromTemplate } from '../../common/brief/brief-from-template'
import { briefLanguage, majorityLocale } from '../../common/brief/brief-language'
import { sectionsFromThemes } from '../../common/brief/brief-from-themes'
import { draftTitle } from '../../common/brief/draft-from-themes'
import type { BriefRefresh } from '../../common/brief/brief-refresh'
import { exportSnapshot } from '../../common/brief/brief-refresh'
import { fillDossierSections } from '../../common/brief/dossier-rows'
import { duplicateTemplate } from '../../common/brief/duplicate-template'
import type { Template } from '../../common/brief/template'
import { AppError } from '../../common/errors'
import type { Locale } from '../../common/i18n/translate'
import { BriefSchema, type Brief } from '../../common/model/brief'
import type { LibraryStore } from '../store/library-store'
import { refreshOf, sourceRows } from './brief-refresh-source'
import { newRecordId } from './new-record-id'
import { articlesOf, withDescendants } from './passage-sources'
import type { TemplateLibrary } from './template-library'

export interface CreateBriefRequest {
  readonly title: string
  readonly templateId?: string | undefined
  readonly tagIds?: readonly string[] | undefined
  readonly lang?: Locale | undefined
}

/**
 * The brief operations behind the service: creation from a template or from themes, updates
 * guarded by a revision check, deletion with undo, templates. `updatedAt` is the revision: an
 * update must carry the stored one, so two windows editing one brief cannot silently overwrite
 * each other; every save sets a new, strictly later one.
 */
export class BriefBook {
  readonly #store: LibraryStore
  readonly #templates: TemplateLibrary
  readonly #now: () => Date
  readonly #locale: () => Locale

  constructor(parts: { store: LibraryStore; templates: TemplateLibrary; now: () => Date; locale: () => Locale }) {
    this.#store = parts.store
    this.#templates = parts.templates
    this.#now = parts.now
    this.#locale = parts.locale
  }

  list(): BriefSummary[] {
    return this.#store
      .listBriefs()
      .map((brief) => ({
        id: brief.id,
        title: brief.title,
        occasion: brief.occasion,
        date: brief.date,
        marking: brief.marking,
        passages: brief.sections.reduce((count, section) => count + section.items.length, 0),
        updatedAt: brief.updatedAt,
      }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title, 'vi'))
  }

  get(id: string): Brief {
    const brief = this.#store.getBrief(id)
    if (brief === null) throw new AppError('brief.notFound', { id })
    return brief
  }

  async view(id: string): Promise<BriefView> {
    const brief = this.get(id)
    return { brief, orphanedAnnotationIds: [...(await this.orphanedAnnotationIds(brief))] }
  }

  /** Ids of the brief's annotations whose highlight is orphaned in the library now. */
  async orphanedAnnotationIds(brief: Brief): Promise<Set<string>> {
    const cited = new Set(brief.sections.flatMap((section) => section.items.map((item) => item.citation.articleId)))
    const wanted = new Set(brief.sections.flatMap((section) => section.items.map((item) => item.annotationId)))
    const orphans = new Set<string>()
    for (const articleId of cited) {
      if (!this.#store.hasArticle(articleId)) continue
      for (const annotation of await this.#store.getAnnotations(articleId)) {
        if (annotation.status === 'orphan' && wanted.has(annotation.id)) orphans.add(annotation.id)
      }
    }
    return orphans
  }

  /**
   * The language the brief's exports are written in: its own, else the majority language of the
   * articles it cites (brief-language.ts), else the interface's.
   */
  language(brief: Brief): Locale {
    const languages = new Map(this.#store.listArticles().map((article) => [article.id, article.language]))
    return briefLanguage(brief, (id) => languages.get(id), this.#locale())
  }

  /**
   * A new brief: from a template (empty sections), from themes (their passages), or from both (the
   * passages laid out by the template, brief-from-themes.ts). Its language is the one asked for,
   * else its passages' majority language, else the interface's; its headings and default title
   * are written in it.
   */
  async create(request: CreateBriefRequest): Promise<Brief> {
    const now = this.#timestamp()
    const tagIds = request.tagIds ?? []
    const template = request.templateId !== undefined ? (await this.#templates.find(request.templateId)).template : null
    let brief: Brief
    if (tagIds.length === 0) {
      const locale = request.lang ?? this.#locale()
      const base = template ?? (await this.#templates.find('background-brief')).template
      brief = briefFromTemplate(base, { locale, title: request.title, now, newId: newRecordId })
      if (template === null) brief = { ...brief, templateId: null, sections: [] }
    } else {
      const taxonomy = this.#store.listTags()
      const themes = tagIds.map((id) => {
        const theme = taxonomy.find((tag) => tag.id === id)
        if (theme === undefined) throw new AppError('brief.tagNotFound', { tag: id })
        return theme
      })
      const wanted = new Set(themes.flatMap((theme) => [...withDescendants(theme.id, taxonomy)]))
      const annotations = (await this.#store.allAnnotations()).filter((annotation) => annotation.tagIds.some((id) => wanted.has(id)))
      const articles = await articlesOf(this.#store, annotations)
      const placeable = annotations.filter((annotation) => articles.has(annotation.articleId))
      const locale = request.lang ?? majorityLocale(placeable.map((annotation) => articles.get(annotation.articleId)!.language), this.#locale())
      const { sections } = sectionsFromThemes({ template, themes, taxonomy, annotations, articles: [...articles.values()], locale, newId: newRecordId })
      const title = request.title.trim() || draftTitle(themes, locale)
      brief = v.parse(BriefSchema, {
        id: newRecordId('brief'),
        title: title.slice(0, 300),
        occasion: '',
        date: null,
        audience: '',
        marking: '',
        templateId: template?.id ?? null,
        lang: locale,
        sections,
        themeIds: [...tagIds],
        createdAt: now,
        updatedAt: now,
      })
    }
    brief = await this.#withDossierRows(brief)
    // A new id: nothing stored can be overwritten, so nothing needs reading in the queue.
    return this.#store.update({}, () => ({ writes: { briefs: [brief] }, value: brief }))
  }

  /** A new brief's Who's who and Chronology, filled from the articles its passages cite. */
  async #withDossierRows(brief: Brief): Promise<Brief> {
    if (!brief.sections.some((section) => section.dossier === 'people' || section.dossier === 'chronology')) return brief
    const sources = brief.sections.flatMap((section) => section.items.map((item) => item.citation.articleId))
    if (sources.length === 0) return brief
    return v.parse(BriefSchema, { ...brief, sections: fillDossierSections(brief.sections, await sourceRows(this.#store, sources)) })
  }

  /** What the library gained since the brief's last export that matches its themes (brief-refresh.ts). */
  refresh(id: string): Promise<BriefRefresh> {
    const brief = this.get(id)
    return refreshOf(this.#store, brief, this.language(brief))
  }

  /**
   * Records what the brief held (and what Refresh offered) at an export. Not an edit: `updatedAt`
   * stays, so an editor holding the brief can go on saving; a save keeps the stored snapshot. A
   * library opened read-only (the `export` command while the app holds it) records nothing.
   */
  async recordExport(exported: Brief, at: string): Promise<void> {
    if (!this.#store.writable) return
    const snapshot = exportSnapshot(exported, await this.refresh(exported.id), at)
    await this.#store.update({}, (current) => {
      const stored = current.brief(exported.id)
      if (stored === null) return { writes: {}, value: undefined }
      return { writes: { briefs: [v.parse(BriefSchema, { ...stored, lastExport: snapshot })] }, value: undefined }
    })
  }

  /** Saves the caller's whole record if it was edited from the stored revision; returns the new revision. */
  update(edited: Brief): Promise<Brief> {
    // The revision check and the write in one store update: no save can slip in between.
    return this.#store.update({}, (current) => {
      const stored = current.brief(edited.id)
      if (stored === null) throw new AppError('brief.notFound', { id: edited.id })
      if (stored.updatedAt !== edited.updatedAt) throw new AppError('brief.stale', { title: stored.title })
      // The export snapshot is the export's to write (recordExport), never an edit's.
      const { lastExport: _ignored, ...fields } = edited
      const saved = v.parse(BriefSchema, {
        ...fields,
        ...(stored.lastExport === undefined ? {} : { lastExport: stored.lastExport }),
        createdAt: stored.createdAt,
        updatedAt: this.#timestamp(stored.updatedAt),
      })
      return { writes: { briefs: [saved] }, value: saved }
    })
  }

  /** Deletes the brief and returns it whole, for an undo (restore). */
  delete(id: string): Promise<Brief> {
    return this.#store.update({}, (current) => {
      const brief = current.brief(id)
      if (brief === null) throw new AppError('brief.notFound', { id })
      return { writes: { deletedBriefs: [id] }, value: brief }
    })
  }

  /** Puts back a deleted brief as it was. Refused if a brief with its id exists (nothing is overwritten). */
  restore(brief: Brief): Promise<Brief> {
    return this.#store.update({}, (current) => {
      if (current.brief(brief.id) !== null) throw new AppError('brief.exists', { title: brief.title })
      const restored = v.parse(BriefSchema, brief)
      return { writes: { briefs: [restored] }, value: restored }
    })
  }

  listTemplates(): Promise<TemplateEntry[]> {
    return this.#templates.list()
  }

  /** A copy of a template, saved as the user's own under a new id. */
  async duplicateTemplate(id: string): Promise<Template> {
    const original = (await this.#templates.find(id)).template
    const ids = new Set((await this.#templates.list()).map((entry) => entry.template.id))
    const base = `${original.id.replace(/-copy(?:-\d+)?$/, '').slice(0, 50)}-copy`
    let copyId = base
    for (let n = 2; ids.has(copyId); n++) copyId = `${base}-${n}`
    return this.#templates.save(duplicateTemplate(original, copyId))
  }

  saveTemplate(template: Template): Promise<Template> {
    return this.#templates.save(template)
  }

  /**
   * Deletes a user template, by id only (never by name: a name may be shared), and returns it so
   * that an undo can save it back. Briefs made from it keep their sections; an export of such a
   * brief falls back to printing the key figures table.
   */
  async deleteTemplate(id: string): Promise<Template> {
    const entry = (await this.#templates.list()).find((candidate) => candidate.template.id === id)
    if (entry === undefined) throw new AppError('brief.templateNotFound', { name: id })
    await this.#templates.remove(entry.template.id)
    return entry.template
  }

  /** Now as an ISO timestamp, strictly after `after` (two saves in one millisecond stay ordered). */
  #timestamp(after?: string): string {
    let now = this.#now().getTime()
    if (after !== undefined) now = Math.max(now, Date.parse(after) + 1)
    return new Date(now).toISOString()
  }
}
