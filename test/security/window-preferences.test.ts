import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers'

/**
 * The window's webPreferences, read from the source of electron/main/window.ts (importing it
 * would need the Electron binary). Reading the object literal is what Electronegativity does too;
 * the literal is the one the app passes to `new BrowserWindow`.
 */
interface Construction {
  readonly file: string
  readonly preferences: ReadonlyMap<string, string>
}

function newBrowserWindows(file: string, source: string): Construction[] {
  const found: Construction[] = []
  const visit = (node: ts.Node, sourceFile: ts.SourceFile): void => {
    if (ts.isNewExpression(node) && node.expression.getText(sourceFile) === 'BrowserWindow') {
      const options = node.arguments?.[0]
      const preferences = new Map<string, string>()
      if (options !== undefined && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (ts.isPropertyAssignment(property) && property.name.getText(sourceFile) === 'webPreferences') {
            if (!ts.isObjectLiteralExpression(property.initializer)) throw new Error(`${file}: webPreferences must be an object literal`)
            for (const entry of property.initializer.properties) {
              if (!ts.isPropertyAssignment(entry)) throw new Error(`${file}: webPreferences must hold plain properties, found ${entry.getText(sourceFile)}`)
              preferences.set(entry.name.getText(sourceFile), entry.initializer.getText(sourceFile))
            }
          }
        }
      }
      found.push({ file, preferences })
    }
    ts.forEachChild(node, (child) => visit(child, sourceFile))
  }
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true)
  visit(sourceFile, sourceFile)
  return found
}

async function everyWindowInElectron(): Promise<Construction[]> {
  const folder = join(ROOT, 'electron')
  const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.ts'))
  const found: Construction[] = []
  for (const name of files) found.push(...newBrowserWindows(name, await readFile(join(folder, name), 'utf8')))
  return found
}

/** What every window of the app must say, whatever it shows. */
const HARDENED = {
  contextIsolation: 'true',
  sandbox: 'true',
  nodeIntegration: 'false',
  nodeIntegrationInWorker: 'false',
  nodeIntegrationInSubFrames: 'false',
  webSecurity: 'true',
  allowRunningInsecureContent: 'false',
  experimentalFeatures: 'false',
  webviewTag: 'false',
  navigateOnDragDrop: 'false',
  safeDialogs: 'true',
  disableBlinkFeatures: "'Auxclick'",
  // Deliberately off: Chromium's spellchecker fetches dictionaries from the network.
  spellcheck: 'false',
}

async function windowIn(file: string): Promise<Record<string, string>> {
  const window = (await everyWindowInElectron()).find((candidate) => candidate.file === file)
  if (window === undefined) throw new Error(`no BrowserWindow in ${file}`)
  return Object.fromEntries(window.preferences)
}

describe('the windows', () => {
  it('are the main window and the hidden PDF printer, nothing else', async () => {
    const windows = await everyWindowInElectron()
    expect(windows.map((window) => window.file).sort()).toEqual([join('main', 'pdf-printer.ts'), join('main', 'window.ts')])
  })

  it('the main window runs its page isolated, sandboxed, without Node and with web security', async () => {
    expect(await windowIn(join('main', 'window.ts'))).toEqual({
      ...HARDENED,
      preload: "join(import.meta.dirname, '../preload/index.cjs')",
      devTools: '!app.isPackaged',
    })
  })

  it('the PDF printer is as hardened, with no preload, JavaScript off and a session of its own', async () => {
    expect(await windowIn(join('main', 'pdf-printer.ts'))).toEqual({
      ...HARDENED,
      session: 'printSession',
      javascript: 'false',
      devTools: 'false',
    })
  })
})
