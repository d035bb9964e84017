import * as v from 'valibot'
import { MAX_NOTE_LENGTH, type HighlightColor, type TextPositionSelector, type TextQuoteSelector } from '../model/annotation'
import { TagNameSchema } from '../model/tag'
import { annotationIdFromIri, articleIdFromIri } from './iri'
import { colorFromStyleClasses } from './w3c-style'
import { ContextSchema, typeIncludes, W3CAnnotationSchema, type W3CAnnotationInput, type W3CBodyObject } from './w3c-schema'

/** One annotation read from a W3C file, as plain data, before it is matched to an article. */
export interface ImportedAnnotation {
  /** Our annotation id when the annotation's IRI is one of ours (iri.ts), else null: make a new one. */
  readonly id: string | null
  /** The annotated document's IRI, and our article id when it is one of our article IRIs. */
  readonly source: string
  readonly articleId: string | null
  /** As given, possibly NFD or with other whitespace: reanchor against the article's text before storing. */
  readonly quote: TextQuoteSelector
  /**
   * In W3C units, Unicode code points, or null when the file gives none: convert it with
   * `toUtf16Position(bodyText, position)`, which also says (null) when it does not fit the text.
   */
  readonly codePointPosition: TextPositionSelector | null
  /** Null when the file names none of our colours: the caller picks its default. */
  readonly color: HighlightColor | null
  /** Markdown; commenting bodies (and bodies without a purpose) joined by a blank line. */
  readonly note: string
  /** Tag names from tagging bodies, in order, without repeats. */
  readonly tags: readonly string[]
  readonly created: string | null
  readonly modified: string | null
}

export type W3CParseResult =
  | { readonly ok: true; readonly annotations: ImportedAnnotation[] }
  /** `error` names where and what, e.g. "first.items[3].target.selector[0].exact: the quote in “exact” is empty". */
  | { readonly ok: false; readonly error: string }

/**
 * Reads W3C Web Annotation JSON (already parsed from the file): a single annotation, an array of
 * annotations, an AnnotationCollection with its pages embedded, or an AnnotationPage. Anything
 * else, or any annotation that cannot be imported, fails the whole file with the first problem
 * found: an import is all or nothing, so a file is never half taken in.
 *
 * Bodies other than notes and tags (links, replies, another tool's resources) and selectors other
 * than quote and position are not part of our model and are left out without complaint.
 */
export function parseW3CAnnotations(json: unknown): W3CParseResult {
  try {
    return { ok: true, annotations: locateAnnotations(json).map(readAnnotation) }
  } catch (error) {
    if (error instanceof FileProblem) return { ok: false, error: error.message }
    throw error
  }
}

/** Where an annotation sits in the file, and whether it must carry the JSON-LD context itself. */
interface Located {
  readonly value: unknown
  readonly path: string
  readonly ownContext: boolean
}

// Thrown inside this module only and turned into a result above, so that the reading code below
// can stay straight-line; it never escapes parseW3CAnnotations.
class FileProblem extends Error {
  constructor(path: string, problem: string) {
    super(path === '' ? problem : `${path}: ${problem}`)
  }
}

function locateAnnotations(json: unknown): Located[] {
  if (Array.isArray(json)) return json.map((value, i) => ({ value, path: `[${i}]`, ownContext: true }))
  if (!isRecord(json)) throw new FileProblem('', 'expected a W3C annotation, an array of them, an AnnotationCollection or an AnnotationPage')
  if (typeIncludes(json['type'], 'Annotation')) return [{ value: json, path: '', ownContext: true }]
  if (typeIncludes(json['type'], 'AnnotationPage')) {
    checkContext(json, '')
    return pageItems(json, '')
  }
  if (typeIncludes(json['type'], 'AnnotationCollection')) {
    checkContext(json, '')
    const first = json['first']
    if (typeof first === 'string') throw new FileProblem('first', `the annotations are at ${first}, which cannot be fetched offline: export them into one file`)
    const items = first === undefined ? [] : pageItems(first, 'first')
    const total = json['total']
    if (total !== undefined && total !== items.length) {
      throw new FileProblem('total', `the collection says it holds ${String(total)} annotations but the file contains ${items.length}`)
    }
    return items
  }
  throw new FileProblem('type', 'expected “Annotation”, “AnnotationCollection” or “AnnotationPage”')
}

/** The items of a page and of the pages embedded after it (`next`). */
function pageItems(page: unknown, path: string): Located[] {
  const located: Located[] = []
  for (let current = page, at = path; current !== undefined; ) {
    if (!isRecord(current) || !typeIncludes(current['type'], 'AnnotationPage')) throw new FileProblem(at, 'expected an AnnotationPage')
    const items = current['items']
    if (!Array.isArray(items)) throw new FileProblem(join(at, 'items'), 'must be a list of annotations')
    items.forEach((value, i) => located.push({ value, path: `${join(at, 'items')}[${i}]`, ownContext: false }))
    const next = current['next']
    if (typeof next === 'string') throw new FileProblem(join(at, 'next'), `the rest is at ${next}, which cannot be fetched offline: export it into one file`)
    current = next
    at = join(at, 'next')
  }
  return located
}

function checkContext(json: Record<string, unknown>, path: string): void {
  const result = v.safeParse(ContextSchema, json['@context'])
  if (!result.success) throw new FileProblem(join(path, '@context'), result.issues[0].message)
}

function readAnnotation({ value, path, ownContext }: Located): ImportedAnnotation {
  if (!isRecord(value)) throw new FileProblem(path, 'expected an annotation (an object)')
  if (ownContext) checkContext(value, path)
  const result = v.safeParse(W3CAnnotationSchema, value)
  if (!result.success) {
    const [issue] = result.issues
    throw new FileProblem(join(path, issuePath(issue)), issueMessage(issue))
  }
  const annotation = result.output
  const { selector, styleClass, source } = annotation.target
  const { quote, position } = selector
  return {
    id: annotation.id === undefined ? null : annotationIdFromIri(annotation.id),
    source,
    articleId: articleIdFromIri(source),
    quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    codePointPosition: position === null ? null : { type: 'TextPositionSelector', start: position.start, end: position.end },
    color: colorFromStyleClasses(styleClass),
    ...readBodies(annotation, path),
    created: annotation.created ?? null,
    modified: annotation.modified ?? null,
  }
}

/** The note and the tags, from `bodyValue` and the TextualBody bodies. */
function readBodies(annotation: W3CAnnotationInput, path: string): { note: string; tags: string[] } {
  const notes = annotation.bodyValue === undefined ? [] : [annotation.bodyValue]
  const tags: string[] = []
  annotation.body.forEach((body, i) => {
    if (typeof body === 'string') return // an IRI: another tool's resource
    const text = textOf(body, join(path, `body[${i}]`))
    if (text === null) return
    if (body.purpose.includes('tagging')) {
      const name = v.safeParse(TagNameSchema, text)
      if (!name.success) throw new FileProblem(join(path, `body[${i}].value`), 'a tag name must be 1 to 120 characters')
      if (!tags.includes(name.output)) tags.push(name.output)
    } else if (body.purpose.length === 0 || body.purpose.includes('commenting')) {
      notes.push(text)
    }
  })
  const note = notes.join('\n\n')
  if (note.length > MAX_NOTE_LENGTH) throw new FileProblem(join(path, 'body'), `the note is longer than ${MAX_NOTE_LENGTH} characters`)
  return { note, tags }
}

/** The text of a textual body, or null for a body that is not text (an image, a link, …). */
function textOf(body: W3CBodyObject, path: string): string | null {
  const declared = typeIncludes(body.type, 'TextualBody')
  if (typeof body.value === 'string' && (declared || body.type === undefined)) return body.value
  if (declared) throw new FileProblem(join(path, 'value'), 'a TextualBody needs its text in “value”')
  return null
}

// Valibot reports a missing key as "Invalid key: Expected "target" but received undefined".
function issueMessage(issue: v.BaseIssue<unknown>): string {
  return issue.kind === 'schema' && issue.type.endsWith('object') && issue.input === undefined ? 'is missing' : issue.message
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = ''
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key
    path = typeof key === 'number' ? `${path}[${key}]` : join(path, String(key))
  }
  return path
}

function join(path: string, key: string): string {
  if (key === '') return path
  if (path === '' || key.startsWith('[')) return `${path}${key}`
  return `${path}.${key}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
