import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import type { TemplateEntry } from '../../common/api'
import { TemplateSchema, type Template } from '../../common/brief/template'
import { AppError } from '../../common/errors'
import { describeIssues } from '../describe-issues'
import { isErrno, reasonOf } from '../store/durable-json-file'
import type { LibraryStore } from '../store/library-store'

/**
 * Brief templates: the built-in ones from the app's data/templates, read-only, and the user's own,
 * which are library records (`templates/<id>.json`, a store file kind: second copy, generations,
 * backups, the change feed). A user template may not take a built-in id, so a name always means
 * one template.
 */
export class TemplateLibrary {
  readonly #builtInDir: string
  readonly #store: LibraryStore
  #builtIn: Promise<Template[]> | null = null

  constructor(builtInDir: string, store: LibraryStore) {
    this.#builtInDir = builtInDir
    this.#store = store
  }

  async list(): Promise<TemplateEntry[]> {
    const builtIn = (await this.#builtInTemplates()).map((template) => ({ template, builtIn: true }))
    const ids = new Set(builtIn.map((entry) => entry.template.id))
    const user = this.#store.listTemplates().filter((template) => !ids.has(template.id)).map((template) => ({ template, builtIn: false }))
    return [...builtIn, ...user]
  }

  /** A template by id, or by its name in either language (for the CLI); throws when none matches. */
  async find(idOrName: string): Promise<TemplateEntry> {
    const wanted = idOrName.trim().toLocaleLowerCase('vi')
    const entries = await this.list()
    const found =
      entries.find((entry) => entry.template.id === wanted) ??
      entries.find((entry) => [entry.template.name.en, entry.template.name.vi].some((name) => name.toLocaleLowerCase('vi') === wanted))
    if (found === undefined) throw new AppError('brief.templateNotFound', { name: idOrName })
    return found
  }

  async save(template: Template): Promise<Template> {
    if ((await this.#builtInTemplates()).some((builtIn) => builtIn.id === template.id)) throw new AppError('brief.templateBuiltIn', { name: template.name.en })
    return this.#store.update({}, () => ({ writes: { templates: [template] }, value: template }))
  }

  async remove(id: string): Promise<void> {
    const entry = await this.find(id)
    if (entry.builtIn) throw new AppError('brief.templateBuiltIn', { name: entry.template.name.en })
    await this.#store.update({}, (current) => ({ writes: current.template(entry.template.id) === null ? {} : { deletedTemplates: [entry.template.id] }, value: undefined }))
  }

  /** The built-in templates ship with the app and never change while it runs: read once. */
  #builtInTemplates(): Promise<Template[]> {
    this.#builtIn ??= readTemplates(this.#builtInDir).catch((error: unknown) => {
      this.#builtIn = null
      throw error
    })
    return this.#builtIn
  }
}

async function readTemplates(dir: string): Promise<Template[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort()
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return []
    throw error
  }
  const templates: Template[] = []
  for (const name of names) {
    const file = join(dir, name)
    let data: unknown
    try {
      data = JSON.parse(await readFile(file, 'utf8'))
    } catch (error) {
      throw new AppError('brief.templateInvalid', { file, reason: reasonOf(error) })
    }
    const parsed = v.safeParse(TemplateSchema, data)
    if (!parsed.success) throw new AppError('brief.templateInvalid', { file, reason: describeIssues(parsed.issues) })
    templates.push(parsed.output)
  }
  return templates.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
