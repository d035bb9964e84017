import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
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
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // Inline nothing: every asset must be a file so that the CSP can stay 'self'.
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve(root, 'src/ui/index.html') } },
    },
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })],
  },
})
