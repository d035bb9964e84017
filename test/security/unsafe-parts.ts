import { JSDOM } from 'jsdom'

/**
 * What in a piece of HTML could run or fetch, found on the parsed result: script-capable
 * elements, event handlers and style attributes, script URLs, and resource attributes that
 * point anywhere but inside the document. Empty means safe for innerHTML.
 */
const SCRIPT_CAPABLE = 'script, iframe, frame, frameset, object, embed, applet, base, meta, link, style, svg, math, form, input, button, textarea, select, template, noscript, portal, fencedframe, video, audio, source, track'
const RESOURCE_ATTRIBUTES = new Set(['src', 'srcset', 'poster', 'background', 'data', 'lowsrc', 'dynsrc', 'ping', 'action', 'formaction', 'xlink:href'])

export function unsafeParts(html: string): string[] {
  const body = new JSDOM(`<!doctype html><body>${html}</body>`).window.document.body
  const unsafe = [...body.querySelectorAll(SCRIPT_CAPABLE)].map((element) => `<${element.localName}>`)
  for (const element of body.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase()
      const value = attribute.value.replace(/[\p{Cc}\s]/gu, '').toLowerCase()
      if (name.startsWith('on') || name === 'style') unsafe.push(`${element.localName}[${name}]`)
      if (/^(?:javascript|vbscript|data:text|data:image\/svg)/.test(value)) unsafe.push(`${element.localName}[${name}=${value.slice(0, 40)}]`)
      if (RESOURCE_ATTRIBUTES.has(name) && !/^(?:data:image\/(?:png|jpeg|gif|webp);|blob:)/.test(value)) unsafe.push(`${element.localName}[${name}]`)
    }
  }
  return unsafe
}
