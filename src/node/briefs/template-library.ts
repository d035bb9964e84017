import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import type { TemplateEntry } from '../../common/api'
import { TemplateSchema, type Template } from '../../common/brief/template'
import { AppError } from '../../common/errors'
import { describeIssues } from '../describe-issues'
import { isErrno, reasonOf, writeDurably } from '../store/durable-json-file'

/**
 * Brief templates: the built-in ones from the app's data/templates, read-only, and the user's own
 * in the library's templates/ folder, one JSON file per template, written durably. A user
 * template may not take a built-in id, so a name always means one template.
 */
export class TemplateLibrary {
  readonly #builtInDir: string
  readonly #userDir: string

  constructor(builtInDir: string, libraryDir: string) {
    this.#builtInDir = builtInDir
    this.#userDir = join(libraryDir, 'templates')
  }

  async list(): Promise<TemplateEntry[]> {
    const builtIn = (await readTemplates(this.#builtInDir)).map((template) => ({ template, builtIn: true }))
    const ids = new Set(builtIn.map((entry) => entry.template.id))
    const user = (await readTemplates(this.#userDir)).filter((template) => !ids.has(template.id)).map((template) => ({ template, builtIn: false }))
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
    const existing = (await this.list()).find((entry) => entry.template.id === template.id)
    if (existing?.builtIn) throw new AppError('brief.templateBuiltIn', { name: template.name.en })
    await mkdir(this.#userDir, { recursive: true })
    await writeDurably(join(this.#userDir, `${template.id}.json`), `${JSON.stringify(template, null, 2)}\n`)
    return template
  }

  async remove(id: string): Promise<void> {
    const entry = await this.find(id)
    if (entry.builtIn) throw new AppError('brief.templateBuiltIn', { name: entry.template.name.en })
    await rm(join(this.#userDir, `${entry.template.id}.json`), { force: true })
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
