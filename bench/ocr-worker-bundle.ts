import { join } from 'node:path'
import { build } from 'vite'

/**
 * The OCR process's entry bundled as the app ships it (dependencies left to node_modules, as
 * electron-vite's main build leaves them), for the benchmark to fork. Forked from source instead,
 * the process runs through tsx, which transforms every module it loads: pdf.js alone then costs
 * 2.2 s of CPU to load instead of 0.24 s (measured, loaded), which the app never pays.
 * Returns the bundle's path (under out/, which git ignores).
 */
export async function bundleOcrWorker(): Promise<string> {
  const root = join(import.meta.dirname, '..')
  const outDir = join(root, 'out', 'bench-ocr-worker')
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    // An SSR build targets Node and leaves every dependency external.
    build: { ssr: join(root, 'src/node/import/ocr/ocr-worker.ts'), outDir, emptyOutDir: true, minify: false, sourcemap: false },
  })
  return join(outDir, 'ocr-worker.js')
}
