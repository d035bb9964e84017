import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { apiInputs } from '../../src/common/api'
import { apiMethodNames } from '../../src/common/api-methods'

/**
 * What the renderer may send, read from the contract's schemas. A compromised renderer must not be
 * able to name a file: paths reach the service only from a dialog the user answered (DialogPort)
 * or from the CLI's arguments. And every string it may send is bounded.
 */
interface StringLeaf {
  readonly where: string
  readonly schema: v.GenericSchema
}

type AnySchema = v.GenericSchema & {
  readonly type: string
  readonly entries?: Record<string, AnySchema>
  readonly wrapped?: AnySchema
  readonly item?: AnySchema
  readonly options?: readonly AnySchema[]
  readonly pipe?: readonly { readonly type: string }[]
}

function stringLeaves(schema: AnySchema, where: string): StringLeaf[] {
  if (schema.type === 'string') return [{ where, schema }]
  if (schema.entries) return Object.entries(schema.entries).flatMap(([key, entry]) => stringLeaves(entry, `${where}.${key}`))
  if (schema.wrapped) return stringLeaves(schema.wrapped, where)
  if (schema.item) return stringLeaves(schema.item, `${where}[]`)
  if (Array.isArray(schema.options) && schema.type !== 'picklist') return schema.options.flatMap((option: AnySchema) => stringLeaves(option, where))
  return []
}

const PATHS = ['../../../etc/passwd', '/etc/passwd', 'C:\\Users\\Public\\brief.docx', '\\\\server\\share\\x', 'file:///etc/passwd', '~/.ssh/id_rsa']
const PATH_LIKE_NAME = /path|file|dir|folder|dest|target|output|out$|location|url/i

/**
 * Free-text fields, each with why it is not a path. A new field that accepts a path-shaped string
 * must be added here with its reason, or take an id schema instead.
 */
const FREE_TEXT: Record<string, string> = {
  'updateSettings.markings[]': 'a classification label shown on briefs (e.g. "MẬT"), never used to open a file',
  ...reason('file contents sent by the renderer (a dropped file has no path there); the name only labels the report', ['importDropped.files[].name', 'importDropped.files[].data']),
  ...reason('clipboard content, imported as article text', ['importPaste.text', 'importPaste.html']),
  ...reason("an article's metadata, stored and shown as text (the URL is opened only as http/https after confirmation)", [
    'updateArticleMetadata.title',
    'updateArticleMetadata.source',
    'updateArticleMetadata.url',
    'updateArticleMetadata.published',
  ]),
  ...reason('article text edited by the user', ['editArticleText.text']),
  ...reason('notes, tag names and quotes of highlights, stored and shown as text or sanitised Markdown', [
    'createAnnotation.note',
    'createAnnotation.tags[]',
    'updateAnnotation.note',
    'updateAnnotation.tags[]',
    'tagAnnotations.addTags[]',
    'tagThemePassages.addTags[]',
    ...annotationRecord('restoreAnnotations.annotations[]'),
    ...annotationRecord('restoreTagState.undo.annotations[].annotations[]'),
    'acceptProposals.proposals[].quote',
    'acceptProposals.proposals[].reason[]',
  ]),
  ...reason('theme names, aliases and keywords', [
    ...tagRecord('createTag'),
    ...tagRecord('updateTag'),
    ...tagRecord('restoreTagState.undo.tags[]'),
  ]),
  ...reason('text to search or to suggest themes for; never a file', ['suggestTags.text', 'search.query']),
  ...reason("a brief's text, stored in the library and exported as Markdown, HTML or PDF", [
    'createBrief.title',
    ...briefRecord('updateBrief'),
    ...briefRecord('restoreBrief.brief'),
  ]),
  ...reason("a template's names, headings and hints, shown as text", [
    'saveTemplate.template.name.en',
    'saveTemplate.template.name.vi',
    'saveTemplate.template.description.en',
    'saveTemplate.template.description.vi',
    'saveTemplate.template.sections[].heading.en',
    'saveTemplate.template.sections[].heading.vi',
    'saveTemplate.template.sections[].hint.en',
    'saveTemplate.template.sections[].hint.vi',
  ]),
  'saveTemplate.template.sections[].themes[]': "a theme's id, name or alias a template section wants, matched against the library's themes",
  ...reason("a person's or event's key, name, role or text in the dossier: matched against the dossier's rows or stored as the user's decision, shown as text", [
    'decidePerson.key',
    'decidePerson.keys[]',
    'decidePerson.name',
    'decidePerson.mentions[].text',
    'decideOrganisation.key',
    'decideOrganisation.keys[]',
    'decideOrganisation.name',
    'dossierPerson.key',
    'dossierPeoplePage.query',
    'dossierOrganisation.key',
    'dossierTimeline.person',
    'dossierTimeline.country',
  ]),
  ...reason('the Team dialog: a server address checked by the service (https, or http on loopback and private LANs only), a user name and a password sent to that server only; a combined conflict text stored as a note or brief text', [
    'teamConnect.server',
    'teamConnect.user',
    'teamConnect.password',
    'teamResolveConflict.text',
  ]),
}

/** Field names that look like a path but are not one, each with why. */
const PATH_LIKE_BUT_NOT: Record<string, string> = {
  'updateArticleMetadata.url': "the article's web address: validated as http/https, opened only in the system browser after confirmation",
}

function reason(why: string, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, why]))
}

function annotationRecord(at: string): string[] {
  // `author`: the team member's user name, shown beside the highlight.
  return ['quote.exact', 'quote.prefix', 'quote.suffix', 'note', 'author'].map((field) => `${at}.${field}`)
}

function tagRecord(at: string): string[] {
  return ['name', 'aliases[].text', 'keywords[]'].map((field) => `${at}.${field}`)
}

function briefRecord(at: string): string[] {
  // `author`: the team member whose highlight a passage cites, shown beside it.
  const item = ['paraphrase', 'quote', 'note', 'author', 'citation.articleTitle', 'citation.source'].map((field) => `sections[].items[].${field}`)
  // Dossier rows (who's who, chronology): names, roles, dates as written and keys, all shown as text.
  const row = ['key', 'keys[]', 'name', 'role', 'country', 'organisation', 'text', 'dateText', 'citation.articleTitle', 'citation.source'].map((field) => `sections[].rows[].${field}`)
  const snapshotKeys = ['personKeys[]', 'eventKeys[]', 'figureKeys[]'].flatMap((field) => [`lastExport.${field}`, `lastExport.offered.${field}`])
  return ['title', 'occasion', 'audience', 'marking', 'templateId', 'sections[].heading', 'sections[].body', 'sections[].removedKeys[]', ...item, ...row, ...snapshotKeys].map((field) => `${at}.${field}`)
}

const leaves = apiMethodNames.flatMap((method) => stringLeaves(apiInputs[method] as AnySchema, method))

describe('the API contract', () => {
  it('has strings to check (the walker understands the schemas)', () => {
    expect(leaves.map((leaf) => leaf.where)).toEqual(expect.arrayContaining(['getArticle.id', 'getAnnotations.articleId', 'updateSettings.markings[]']))
  })

  it('accepts no path from the renderer: every string that would take one is listed free text', () => {
    const pathTaking = leaves.filter((leaf) => PATHS.some((path) => v.safeParse(leaf.schema, path).success)).map((leaf) => leaf.where)
    expect(pathTaking.filter((where) => !(where in FREE_TEXT))).toEqual([])
  })

  it('names no field like a path', () => {
    expect(leaves.map((leaf) => leaf.where).filter((where) => !(where in PATH_LIKE_BUT_NOT) && PATH_LIKE_NAME.test(where.split('.').at(-1)!.replace('[]', '')))).toEqual([])
  })

  it('bounds the length of every string', () => {
    const unbounded = leaves.filter((leaf) => !(leaf.schema as AnySchema).pipe?.some((step) => ['max_length', 'max_bytes', 'regex', 'length'].includes(step.type)))
    expect(unbounded.map((leaf) => leaf.where)).toEqual([])
  })

  it('takes only strict objects, so no unexpected key (__proto__, path...) passes', () => {
    for (const method of apiMethodNames) {
      const schema = apiInputs[method] as AnySchema
      const objects: string[] = []
      const walk = (node: AnySchema): void => {
        if (node.type === 'object' || node.type === 'loose_object') objects.push(`${method}: ${node.type}`)
        for (const child of [node.wrapped, node.item, ...Object.values(node.entries ?? {}), ...(Array.isArray(node.options) ? node.options : [])]) {
          if (child && typeof child === 'object' && 'type' in child) walk(child)
        }
      }
      walk(schema)
      expect(objects).toEqual([])
    }
  })
})
