import type { Annotation, TextPositionSelector, TextQuoteSelector } from '../model/annotation'
import { toCodePointPosition } from './code-points'
import { UnknownTagError } from './errors'
import { annotationIri, articleIri } from './iri'
import { styleClassOf, stylesheetFor } from './w3c-style'

/**
 * Our annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/), the
 * format `export-annotations --format w3c` writes and other annotation tools read. One annotation:
 *
 *   {
 *     "@context": "http://www.w3.org/ns/anno.jsonld",
 *     "id": "urn:briefing-desk:annotation:an_…",            (iri.ts)
 *     "type": "Annotation",
 *     "motivation": "highlighting",
 *     "created": "…", "modified": "…",
 *     "stylesheet": { "type": "CssStylesheet", "value": ".highlight-yellow { … }" }, (w3c-style.ts)
 *     "body": [
 *       { "type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": "note" },
 *       { "type": "TextualBody", "purpose": "tagging", "value": "tag name" }, …
 *     ],
 *     "target": {
 *       "source": "urn:briefing-desk:article:…",
 *       "styleClass": "highlight-yellow",
 *       "selector": [ TextQuoteSelector, TextPositionSelector (code points) ]
 *     }
 *   }
 *
 * Tags travel by name, not id: ids are local to a library, names are what a person and another
 * tool understand, and importing into an empty library recreates the tags from them.
 * An orphan exports only its TextQuoteSelector: its stored position belongs to an older revision
 * of the text, so converting it against the current text would state a falsehood. Importing it
 * gives a quote without position, which reanchor accepts, and it stays an orphan unless its text
 * reappears.
 */
export const W3C_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'

export interface W3CTextualBody {
  readonly type: 'TextualBody'
  readonly purpose: 'commenting' | 'tagging'
  readonly value: string
  readonly format?: 'text/markdown'
}

export interface W3CTarget {
  readonly source: string
  readonly styleClass: string
  /** Start and end of the position selector count Unicode code points, as the W3C model requires. */
  readonly selector: readonly [TextQuoteSelector] | readonly [TextQuoteSelector, TextPositionSelector]
}

export interface W3CAnnotation {
  /** Present on a standalone annotation; items of a collection share the collection's. */
  readonly '@context'?: typeof W3C_ANNOTATION_CONTEXT
  readonly id: string
  readonly type: 'Annotation'
  readonly motivation: 'highlighting'
  readonly created: string
  readonly modified: string
  readonly stylesheet: { readonly type: 'CssStylesheet'; readonly value: string }
  readonly body?: readonly W3CTextualBody[]
  readonly target: W3CTarget
}

export interface W3CAnnotationPage {
  readonly id: string
  readonly type: 'AnnotationPage'
  readonly startIndex: 0
  readonly items: readonly W3CAnnotation[]
}

export interface W3CAnnotationCollection {
  readonly '@context': typeof W3C_ANNOTATION_CONTEXT
  readonly id: string
  readonly type: 'AnnotationCollection'
  readonly label?: string
  readonly total: number
  readonly first: W3CAnnotationPage
}

/** Tag names by tag id: a map, or a function such as `(id) => store.tag(id)?.name`. */
export type TagNames = ReadonlyMap<string, string> | ((tagId: string) => string | undefined)

export interface W3CExportContext {
  /** The body text, `bodyText(article.blocks)`, of an article: positions become code points in it. */
  readonly bodyText: (articleId: string) => string
  readonly tagNames: TagNames
}

/**
 * One annotation as a standalone W3C annotation. Throws UnknownTagError when a tag id has no name,
 * and TextRangeError when an anchored annotation's position does not fit its article's text:
 * both mean the library is inconsistent, and an export must not paper over that.
 */
export function toW3CAnnotation(annotation: Annotation, context: W3CExportContext): W3CAnnotation {
  return { '@context': W3C_ANNOTATION_CONTEXT, ...toItem(annotation, context) }
}

/**
 * Many annotations as one AnnotationCollection with a single embedded page: the shape of an
 * export file, readable without fetching anything. `id` names the export, e.g. `urn:uuid:…`.
 */
export function toW3CCollection(
  annotations: readonly Annotation[],
  context: W3CExportContext,
  collection: { readonly id: string; readonly label?: string },
): W3CAnnotationCollection {
  return {
    '@context': W3C_ANNOTATION_CONTEXT,
    id: collection.id,
    type: 'AnnotationCollection',
    ...(collection.label === undefined ? {} : { label: collection.label }),
    total: annotations.length,
    first: {
      id: `${collection.id}#page-1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: annotations.map((annotation) => toItem(annotation, context)),
    },
  }
}

function toItem(annotation: Annotation, context: W3CExportContext): W3CAnnotation {
  const body = [...noteBody(annotation.note), ...annotation.tagIds.map((tagId) => tagBody(tagId, context.tagNames))]
  const selector: W3CTarget['selector'] =
    annotation.status === 'orphan'
      ? [annotation.quote]
      : [annotation.quote, toCodePointPosition(context.bodyText(annotation.articleId), annotation.position)]
  return {
    id: annotationIri(annotation.id),
    type: 'Annotation',
    motivation: 'highlighting',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    stylesheet: { type: 'CssStylesheet', value: stylesheetFor(annotation.color) },
    ...(body.length === 0 ? {} : { body }),
    target: { source: articleIri(annotation.articleId), styleClass: styleClassOf(annotation.color), selector },
  }
}

function noteBody(note: string): W3CTextualBody[] {
  if (note.trim() === '') return []
  return [{ type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: note }]
}

function tagBody(tagId: string, tagNames: TagNames): W3CTextualBody {
  const name = typeof tagNames === 'function' ? tagNames(tagId) : tagNames.get(tagId)
  if (name === undefined) throw new UnknownTagError(tagId)
  return { type: 'TextualBody', purpose: 'tagging', value: name }
}
