import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { build, type Rolldown } from 'vite'

/**
 * A loopback page that runs the renderer's renderMarkdown (src/ui/lib/markdown.ts: marked, then
 * DOMPurify) in Chromium. It is served WITHOUT the app's Content Security Policy on purpose: what
 * the sanitiser lets through must be harmless on its own, not only because the CSP blocks it.
 */
export interface MarkdownPage {
  readonly origin: string
  close(): Promise<void>
}

// The renderer's own module, bundled as it is: its exports become `window.briefingDeskMarkdown`.
const ENTRY = join(import.meta.dirname, '..', '..', 'src', 'ui', 'lib', 'markdown.ts')

let bundle: Promise<string> | null = null

/** The module bundled once per worker as one classic script, with the real DOMPurify and marked. */
function markdownBundle(): Promise<string> {
  bundle ??= build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: ENTRY, formats: ['iife'], name: 'briefingDeskMarkdown' } },
  }).then((output) => {
    const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[]
    const chunk = outputs.flatMap((result) => result.output).find((file) => file.type === 'chunk')
    if (chunk === undefined || chunk.type !== 'chunk') throw new Error('Bundling src/ui/lib/markdown.ts produced no script.')
    return chunk.code
  })
  return bundle
}

const PAGE = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>renderMarkdown</title></head><body><main id="out"></main><script src="/render-markdown.js"></script></body></html>'

export async function serveMarkdownPage(): Promise<MarkdownPage> {
  const script = await markdownBundle()
  const server: Server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
    else if (request.url === '/render-markdown.js') response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script)
    else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
