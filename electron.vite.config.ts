import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { contentSecurityPolicy } from './src/common/csp'

const root = import.meta.dirname

/**
 * `npm run dev`: Vite's dev server on a fixed port (so the policy can name its socket), serving
 * the app's CSP with the two development-only additions (hot-reload socket, nonce-marked injected
 * styles: see src/common/csp.ts). The nonce only ever exists on a developer's machine.
 */
const DEV_PORT = 5173
const DEV_STYLE_NONCE = 'briefing-desk-dev'

/**
 * Packages the worker threads import, bundled into the workers (and so into the main bundle too)
 * rather than loaded from node_modules: a worker runs from app.asar.unpacked, where only what
 * electron-builder.yml unpacks exists. pdf.js stays external (it loads its own worker and data
 * files beside itself) and is unpacked whole. test/desktop/packed-workers.test.ts packs and runs them.
 */
const BUNDLED_INTO_WORKERS = ['valibot', 'marked', '@mozilla/readability', 'linkedom', 'mammoth']

export default defineConfig(({ command }) => ({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: BUNDLED_INTO_WORKERS },
      // An input rather than `lib.entry`: electron-vite builds a `?modulePath` import (the search
      // worker) with this same config, and a lib config there asks for a UMD name.
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module: emit CommonJS with a .cjs name,
      // since package.json says "type": "module".
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/ui'),
    publicDir: false,
    ...(command === 'serve'
      ? {
          server: {
            port: DEV_PORT,
            strictPort: true,
            headers: { 'Content-Security-Policy': contentSecurityPolicy({ socketOrigin: `ws://localhost:${DEV_PORT}`, styleNonce: DEV_STYLE_NONCE }) },
          },
          html: { cspNonce: DEV_STYLE_NONCE },
        }
      : {}),
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // Inline nothing: every asset must be a file so that the CSP can stay 'self'.
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve(root, 'src/ui/index.html') } },
    },
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })],
  },
}))
