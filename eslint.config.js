import { builtinModules } from 'node:module'
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import ts from 'typescript-eslint'

/*
 * Layer rules: a folder's name says which runtime it may touch (see README, "Architecture").
 *   src/common  ECMAScript only: no DOM, no Node, no Electron, no Svelte
 *   src/node    Node, no UI
 *   src/ui      the DOM and Svelte, no Node, no Electron; talks to the app through lib/api.ts only
 *   electron/   the only folder that may import 'electron'
 * Inside src/node: store <- features (annotations, briefs, import, library, search, themes) <-
 * service.ts and handlers/ <- cli/ and electron/: a layer imports only the layers to its left.
 * TypeScript enforces the globals (each project sees only its own lib/types); this enforces imports.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

const noElectron = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }
const nodeBuiltinPaths = nodeBuiltins.map((name) => ({ name, message: 'This layer must not use Node.' }))

/** src/node's feature folders: each writes through the store and is called by a handler module. */
const NODE_FEATURES = ['annotations', 'briefs', 'import', 'library', 'search', 'themes']
/** What assembles the features (relative to a folder of src/node). */
const NODE_ASSEMBLY = ['../service', '../dispatch', '../handlers/*', '../cli/*']

/** src/node's import restrictions, plus one layer rule inside it. */
function nodeImports(layer) {
  return {
    paths: [noElectron, { name: 'svelte', message: 'src/node must not depend on Svelte.' }],
    patterns: [{ group: ['**/ui/**', '**/electron/**', '*.svelte'], message: 'src/node must not import the UI or the shell.' }, ...(layer ? [layer] : [])],
  }
}

export default ts.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/common/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltinPaths, { name: 'svelte', message: 'src/common must not depend on Svelte.' }],
          patterns: [
            { group: ['svelte/*', '*.svelte'], message: 'src/common must not depend on Svelte.' },
            { group: ['**/node/**', '**/ui/**', '**/electron/**'], message: 'src/common must not import another layer.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'src/common is framework-free: pass what you need in.',
        })),
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', nodeImports()] },
  },
  // Layers inside src/node: store <- features <- service and handlers <- cli (and electron/).
  {
    files: ['src/node/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        nodeImports({
          group: [...NODE_FEATURES.map((folder) => `../${folder}/*`), ...NODE_ASSEMBLY],
          message: 'The store imports no feature, handler, service or CLI code: they call the store.',
        }),
      ],
    },
  },
  {
    files: NODE_FEATURES.map((folder) => `src/node/${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        nodeImports({ group: NODE_ASSEMBLY, message: 'A feature imports no handler, service or CLI code: they call the feature.' }),
      ],
    },
  },
  {
    files: ['src/node/handlers/**/*.ts', 'src/node/service.ts', 'src/node/dispatch.ts'],
    rules: {
      'no-restricted-imports': ['error', nodeImports({ group: ['../cli/*', './cli/*'], message: 'The service imports no CLI code: the CLI calls the service.' })],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltinPaths],
          patterns: [{ group: ['**/node/**', '**/electron/**'], message: 'The UI reaches the app through window.api only.' }],
        },
      ],
    },
  },
)
