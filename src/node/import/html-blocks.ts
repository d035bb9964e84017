import { parseHTML } from 'linkedom'
import { sourceBlock, type SourceBlock, type SourceBlockKind } from '../../common/agency/source-block'

/**
 * HTML to source blocks, shared by the HTML reader (over Readability's output, or over a whole
 * page when Readability finds no article), the .docx reader (over mammoth's HTML) and paste.
 *
 * Block elements make blocks; <br> ends a line (agency pages set one paragraph per line);
 * headings, figure captions and paragraphs made of one link are marked as such for the cleaner;
 * an image's alt text becomes an 'image-alt' block so that it is recorded, not lost; scripts,
 * styles, forms, buttons and hidden elements are skipped.
 *
 * The walk uses a minimal structural view of the DOM so that this module compiles without the DOM
 * library (src/node sees only Node's types); linkedom provides the real nodes.
 */
export interface DomNode {
  readonly nodeType: number
  readonly childNodes: ArrayLike<DomNode>
  readonly firstChild: DomNode | null
  readonly nextSibling: DomNode | null
  readonly textContent: string | null
}

export interface DomElement extends DomNode {
  readonly localName: string
  readonly firstElementChild: DomElement | null
  readonly nextElementSibling: DomElement | null
  getAttribute(name: string): string | null
  querySelectorAll(selectors: string): ArrayLike<DomElement>
  querySelector(selectors: string): DomElement | null
  remove(): void
}

export interface DomDocument {
  readonly documentElement: DomElement | null
  readonly firstElementChild: DomElement | null
  readonly body: DomElement | null
  querySelectorAll(selectors: string): ArrayLike<DomElement>
  querySelector(selectors: string): DomElement | null
}

const ELEMENT_NODE = 1
const TEXT_NODE = 3

/** Parses HTML (a whole page or a fragment) into a document. */
export function parseDocument(html: string): DomDocument {
  const page = /<(?:html|body)[\s>]/iu.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`
  return parseHTML(page).document as unknown as DomDocument
}

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base', 'button', 'input', 'select',
  'option', 'optgroup', 'textarea', 'label', 'form', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'canvas',
  'video', 'audio', 'source', 'track', 'map', 'area', 'dialog', 'datalist', 'output', 'progress', 'meter',
])

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend',
])

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const CAPTION_CLASS = /(?:^|[\s_-])(?:caption|figcaption|chu-?thich|chuthich|img-?caption|photo-?caption|pic-?caption|image-?caption)(?:$|[\s_-])/iu

// Page furniture, recognised by role, tag or class/id, skipped when walking a whole page.
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'header'])
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'dialog', 'alertdialog', 'menu', 'menubar'])
const CHROME_NAME =
  /(?:^|[\s_-])(?:cookie|cookies|consent|gdpr|share|sharing|social|newsletter|subscribe|comments?|breadcrumbs?|menu|navbar|nav|sidebar|footer|masthead|header|advert|ads?|banner|promo|popup|modal|related|toolbar)(?:$|[\s_-])/iu

export interface HtmlBlocksOptions {
  /** Also skip page furniture (navigation, headers, footers, share bars, cookie banners). */
  readonly dropChrome: boolean
}

function isHidden(element: DomElement): boolean {
  if (element.getAttribute('hidden') !== null || element.getAttribute('aria-hidden') === 'true') return true
  const style = element.getAttribute('style') ?? ''
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/iu.test(style)
}

function isChrome(element: DomElement): boolean {
  const tag = element.localName
  const role = element.getAttribute('role') ?? ''
  if (CHROME_ROLES.has(role)) return true
  if (tag === 'header') return element.querySelector('h1') === null
  if (CHROME_TAGS.has(tag)) return true
  const name = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
  // An element named like furniture that holds an article is a wrapper, not furniture.
  return CHROME_NAME.test(name) && tag !== 'article' && tag !== 'main' && tag !== 'body' && element.querySelector('article, h1') === null
}

interface Context {
  readonly kind: SourceBlockKind
  readonly inLink: boolean
  readonly pre: boolean
}

export function htmlToSourceBlocks(root: DomNode, options: HtmlBlocksOptions): SourceBlock[] {
  const blocks: SourceBlock[] = []
  let buffer = ''
  let bufferKind: SourceBlockKind = 'paragraph'
  let linkChars = 0
  let otherChars = 0

  const flush = () => {
    const onlyLink = bufferKind === 'paragraph' && linkChars > 0 && otherChars === 0
    const block = sourceBlock(onlyLink ? 'link' : bufferKind, buffer)
    if (block !== null) blocks.push(block)
    buffer = ''
    bufferKind = 'paragraph'
    linkChars = 0
    otherChars = 0
  }

  const append = (text: string, context: Context) => {
    if (buffer.trim() === '') bufferKind = context.kind
    buffer += text
    const visible = text.replace(/\s+/gu, '').length
    if (context.inLink) linkChars += visible
    else otherChars += visible
  }

  const walk = (node: DomNode, context: Context): void => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? ''
      if (!context.pre) {
        append(text, context)
        return
      }
      text.split('\n').forEach((line, index) => {
        if (index > 0) flush()
        append(line, context)
      })
      return
    }
    if (node.nodeType !== ELEMENT_NODE) return
    const element = node as DomElement
    const tag = element.localName.toLowerCase()
    if (SKIP.has(tag) || isHidden(element) || (options.dropChrome && isChrome(element))) return
    if (tag === 'br') {
      flush()
      return
    }
    if (tag === 'img') {
      const alt = sourceBlock('image-alt', element.getAttribute('alt') ?? '')
      if (alt !== null) {
        flush()
        blocks.push(alt)
      }
      return
    }
    const isBlock = BLOCKS.has(tag)
    let kind = context.kind
    if (HEADINGS.has(tag)) kind = 'heading'
    if (tag === 'figcaption' || CAPTION_CLASS.test(element.getAttribute('class') ?? '')) kind = 'caption'
    const inner: Context = { kind, inLink: context.inLink || tag === 'a', pre: context.pre || tag === 'pre' }
    if (isBlock) flush()
    // By sibling links: linkedom builds a new array for every read of childNodes.
    for (let child = element.firstChild; child !== null; child = child.nextSibling) walk(child, inner)
    if (isBlock) flush()
  }

  walk(root, { kind: 'paragraph', inLink: false, pre: false })
  flush()
  return blocks
}
