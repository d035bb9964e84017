import * as v from 'valibot'
import { AnnotationIdSchema } from '../model/annotation'
import { ArticleIdSchema } from '../model/article'

/**
 * IRIs for our records in W3C exports. W3C annotations name their target document and
 * themselves with IRIs; ours have no web address, so they get URNs:
 *
 *   urn:briefing-desk:article:<article id>        e.g. urn:briefing-desk:article:87ac6e0b16b8
 *   urn:briefing-desk:annotation:<annotation id>  e.g. urn:briefing-desk:annotation:an_3f9c2a7d41b0e865
 *
 * Why a URN and not the article's web URL: the selectors' offsets count characters of our cleaned
 * body text (bodyText), not of the web page, so pointing them at the page would mislead any tool
 * that fetched it; and many articles have no URL at all. Article ids are derived from the content
 * (see model/article.ts), so the same article imported into another library has the same IRI and an
 * exported file finds its articles there. The URNs are names, never dereferenced.
 * ("briefing-desk" is not a registered URN namespace; these IRIs are only ever read back by this
 * app, and other tools treat them as opaque, which is all the W3C model asks.)
 */
const ARTICLE_PREFIX = 'urn:briefing-desk:article:'
const ANNOTATION_PREFIX = 'urn:briefing-desk:annotation:'

export function articleIri(articleId: string): string {
  return ARTICLE_PREFIX + articleId
}

/** The article id in one of our article IRIs, or null for any other IRI (e.g. a web page). */
export function articleIdFromIri(iri: string): string | null {
  return idAfter(iri, ARTICLE_PREFIX, ArticleIdSchema)
}

export function annotationIri(annotationId: string): string {
  return ANNOTATION_PREFIX + annotationId
}

/** The annotation id in one of our annotation IRIs, or null for another tool's IRI. */
export function annotationIdFromIri(iri: string): string | null {
  return idAfter(iri, ANNOTATION_PREFIX, AnnotationIdSchema)
}

function idAfter(iri: string, prefix: string, schema: v.GenericSchema<string>): string | null {
  // URN schemes and namespace identifiers are case-insensitive (RFC 8141); our ids are lowercase.
  if (iri.slice(0, prefix.length).toLowerCase() !== prefix) return null
  const id = iri.slice(prefix.length)
  return v.is(schema, id) ? id : null
}
