import { Readability } from '@mozilla/readability'
import { parseIsoDate } from '../../common/agency/agency-patterns'
import type { SourceBlock } from '../../common/agency/source-block'
import type { PartialDate } from '../../common/model/article'
import { normalizeLine } from '../../common/text/normalize'
import type { DetectedEncoding } from './decode'
import { emptyDraft, type ImportDraft, type ImportFormat } from './draft'
import { htmlToSourceBlocks, parseDocument, type DomDocument, type DomElement } from './html-blocks'
import { decodeOrThrow } from './reader-support'

/**
 * .html/.htm: the article is extracted with Mozilla's Readability (Firefox Reader View's engine)
 * over a linkedom document, then walked into blocks (html-blocks.ts).
 *
 * Why linkedom, not jsdom (measured with Readability 0.6, Node 20, on this machine): on the two
 * noisy fixture pages and on 50 benchmark pages, Readability extracts exactly the same article
 * text over both, and linkedom is 6 to 8 times faster (7.4 ms against 61.7 ms a fixture page,
 * 3.9 ms against 22.3 ms a benchmark page). With jsdom a folder of pages would import at under 50
 * files a second; the goal is 200. jsdom stays installed should a page ever need a fuller DOM.
 *
 * Metadata is read from the page before Readability touches it (it removes scripts, and with them
 * JSON-LD): title (og:title, twitter:title, JSON-LD headline, then Readability's guess from
 * <title>), publication date (article:published_time and its many cousins, JSON-LD
 * datePublished), byline (author), site name (og:site_name) and URL (canonical link, og:url).
 * When Readability finds no article, the whole body is walked with page furniture skipped.
 */

/** Readability gives up below this many characters of candidate text; agency briefs can be short. */
const CHAR_THRESHOLD = 250

const DATE_KEYS = [
  'article:published_time',
  'og:published_time',
  'published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publication_date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.created',
  'date',
  'sailthru.date',
  'parsely-pub-date',
]

interface PageMetadata {
  readonly title: string | null
  readonly published: PartialDate | null
  readonly byline: string | null
  readonly siteName: string | null
  readonly url: string | null
}

/** The elements the metadata comes from, in document order. */
interface MetadataElements {
  readonly metas: DomElement[]
  readonly jsonLdScripts: DomElement[]
  readonly canonical: DomElement | null
  readonly title: DomElement | null
}

/**
 * One walk over the page for what four selector queries would find: `meta`,
 * `script[type="application/ld+json"]`, the first `link[rel="canonical"]` and the first `title`.
 * linkedom compiles a selector with css-select on every query and walks the whole page each time,
 * about 0.3 ms a page between them. The answers are the same: document order, tag names compared
 * without case, `type` and `rel` values too (they are case-insensitive attributes in HTML, as in
 * css-select), and a <template>'s contents not searched (linkedom's querySelectorAll skips them).
 */
function metadataElements(document: DomDocument): MetadataElements {
  const found = { metas: [] as DomElement[], jsonLdScripts: [] as DomElement[], canonical: null as DomElement | null, title: null as DomElement | null }
  const walk = (first: DomElement | null) => {
    for (let element = first; element !== null; element = element.nextElementSibling) {
      const name = element.localName.toLowerCase()
      if (name === 'meta') found.metas.push(element)
      else if (name === 'script' && element.getAttribute('type')?.toLowerCase() === 'application/ld+json') found.jsonLdScripts.push(element)
      else if (name === 'link' && found.canonical === null && element.getAttribute('rel')?.toLowerCase() === 'canonical') found.canonical = element
      else if (name === 'title' && found.title === null) found.title = element
      if (name !== 'template') walk(element.firstElementChild)
    }
  }
  walk(document.firstElementChild)
  return found
}

function metaMap(metas: readonly DomElement[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const meta of metas) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '').trim().toLowerCase()
    const content = normalizeLine(meta.getAttribute('content') ?? '')
    if (key !== '' && content !== '' && !map.has(key)) map.set(key, content)
  }
  return map
}

interface JsonLd {
  readonly headline: string | null
  readonly datePublished: string | null
}

/** The first NewsArticle-like JSON-LD object's headline and date; malformed JSON is ignored. */
function jsonLd(scripts: readonly DomElement[]): JsonLd {
  for (const script of scripts) {
    let data: unknown
    try {
      data = JSON.parse(script.textContent ?? '')
    } catch {
      continue
    }
    const queue: unknown[] = [data]
    while (queue.length > 0) {
      const item = queue.shift()
      if (Array.isArray(item)) queue.push(...(item as unknown[]))
      else if (item !== null && typeof item === 'object') {
        const record = item as Record<string, unknown>
        if (Array.isArray(record['@graph'])) queue.push(...(record['@graph'] as unknown[]))
        const headline = typeof record['headline'] === 'string' ? record['headline'] : null
        const datePublished = typeof record['datePublished'] === 'string' ? record['datePublished'] : null
        if (headline !== null || datePublished !== null) return { headline, datePublished }
      }
    }
  }
  return { headline: null, datePublished: null }
}

function httpUrl(value: string | null | undefined): string | null {
  const url = (value ?? '').trim()
  return /^https?:\/\/\S+$/iu.test(url) ? url : null
}

function pageMetadata(elements: MetadataElements): PageMetadata {
  const meta = metaMap(elements.metas)
  const ld = jsonLd(elements.jsonLdScripts)
  const firstDate = DATE_KEYS.map((key) => parseIsoDate(meta.get(key))).find((date) => date !== null) ?? null
  const author = meta.get('author') ?? meta.get('article:author') ?? meta.get('dc.creator') ?? null
  return {
    title: meta.get('og:title') ?? meta.get('twitter:title') ?? meta.get('dc.title') ?? ld.headline ?? null,
    published: firstDate ?? parseIsoDate(ld.datePublished),
    byline: author !== null && httpUrl(author) === null ? author : null,
    siteName: meta.get('og:site_name') ?? meta.get('application-name') ?? null,
    url: httpUrl(elements.canonical?.getAttribute('href')) ?? httpUrl(meta.get('og:url')),
  }
}

/** The charset a page declares in its first bytes (<meta charset> or http-equiv). */
export function sniffCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096))
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head)?.[1] ?? null
}

function nonEmpty(value: string | null | undefined): string | null {
  const line = normalizeLine(value ?? '')
  return line === '' ? null : line
}

// Content that is never article text, removed before parsing (a page's scripts and styles are often
// most of its bytes). JSON-LD scripts stay: they carry the headline and the publication date.
const NOT_CONTENT = /<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<svg\b[^>]*>[\s\S]*?<\/svg\s*>|<!--[\s\S]*?-->/giu

/** A whole page: Readability's article, or the page without its furniture. */
export function htmlPageDraft(source: string, format: ImportFormat, encoding: DetectedEncoding | null): ImportDraft {
  const html = source.replace(NOT_CONTENT, ' ')
  const document = parseDocument(html)
  const elements = metadataElements(document)
  const metadata = pageMetadata(elements)
  const titleElement = nonEmpty(elements.title?.textContent)

  let blocks: SourceBlock[] = []
  let article: ReturnType<Readability<DomElement>['parse']> = null
  try {
    article = new Readability<DomElement>(document as never, {
      charThreshold: CHAR_THRESHOLD,
      keepClasses: true,
      // JSON-LD is read above, before scripts are gone.
      disableJSONLD: true,
      serializer: (node: unknown) => node as DomElement,
    }).parse()
  } catch {
    // Readability does not cope with every malformed page; the fallback below does.
    article = null
  }
  if (article?.content) blocks = htmlToSourceBlocks(article.content, { dropChrome: true })
  if (blocks.length === 0) {
    const body = parseDocument(html).body
    if (body !== null) blocks = htmlToSourceBlocks(body, { dropChrome: true })
  }
  return {
    ...emptyDraft(format, encoding, blocks),
    title: metadata.title ?? nonEmpty(article?.title) ?? titleElement,
    published: metadata.published ?? parseIsoDate(article?.publishedTime),
    byline: metadata.byline ?? nonEmpty(article?.byline),
    siteName: metadata.siteName ?? nonEmpty(article?.siteName),
    url: metadata.url,
  }
}

/**
 * HTML from the clipboard: the user's selection is the content, so Readability is not asked to
 * find an article in it (it would drop what the user chose); only scripts, styles and controls
 * are skipped. Browsers wrap the selection in <!--StartFragment--> … <!--EndFragment-->.
 */
export function htmlFragmentDraft(html: string): ImportDraft {
  const fragment = /<!--StartFragment-->([\s\S]*)<!--EndFragment-->/u.exec(html)?.[1] ?? html
  const document = parseDocument(fragment)
  const root = document.body ?? document.documentElement
  const blocks = root === null ? [] : htmlToSourceBlocks(root, { dropChrome: false })
  return emptyDraft('paste-html', null, blocks)
}

export function readHtml(bytes: Uint8Array, file: string): ImportDraft {
  const { text, encoding } = decodeOrThrow(bytes, file, { declared: sniffCharset(bytes) })
  return htmlPageDraft(text, 'html', encoding)
}
