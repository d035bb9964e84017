import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers'

const eslint = new ESLint({ cwd: ROOT })

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('layer rules', () => {
  it.each([
    ["import { app } from 'electron'\nexport const a = app", 'src/common/x.ts'],
    ["import { readFile } from 'node:fs'\nexport const a = readFile", 'src/common/x.ts'],
    ["import { join } from 'path'\nexport const a = join", 'src/common/x.ts'],
    ["import { mount } from 'svelte'\nexport const a = mount", 'src/common/x.ts'],
    ["import App from '../ui/App.svelte'\nexport const a = App", 'src/common/x.ts'],
    ["import { BriefingService } from '../node/service'\nexport const a = BriefingService", 'src/common/x.ts'],
    ['export const a = document.title', 'src/common/x.ts'],
    ['export const a = process.env', 'src/common/x.ts'],
    ["import { app } from 'electron'\nexport const a = app", 'src/node/x.ts'],
    ["import { app } from 'electron'\nexport const a = app", 'src/ui/lib/x.ts'],
    ["import { readFile } from 'node:fs/promises'\nexport const a = readFile", 'src/ui/lib/x.ts'],
    ["import { BriefingService } from '../../node/service'\nexport const a = BriefingService", 'src/ui/lib/x.ts'],
    ["import { app } from 'electron'\nexport const a = app", 'e2e/x.ts'],
    ["import { app } from 'electron'\nexport const a = app", 'test/x.ts'],
    ["import { ThemeOperations } from '../themes/theme-operations'\nexport const a = ThemeOperations", 'src/node/store/x.ts'],
    ["import { BriefingService } from '../service'\nexport const a = BriefingService", 'src/node/store/x.ts'],
    ["import { BriefingService } from '../service'\nexport const a = BriefingService", 'src/node/annotations/x.ts'],
    ["import { themeHandlers } from '../handlers/themes'\nexport const a = themeHandlers", 'src/node/themes/x.ts'],
    ["import { runCli } from '../cli/run-cli'\nexport const a = runCli", 'src/node/import/x.ts'],
    ["import { runCli } from '../cli/run-cli'\nexport const a = runCli", 'src/node/handlers/x.ts'],
    ["import { runCli } from './cli/run-cli'\nexport const a = runCli", 'src/node/service.ts'],
  ])('refuses %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toEqual(expect.arrayContaining([expect.stringMatching(/no-restricted-(imports|globals)/)]))
  })

  it.each([
    ["import { app } from 'electron'\nexport const a = app", 'electron/main/x.ts'],
    ["import { readFile } from 'node:fs'\nexport const a = readFile", 'src/node/x.ts'],
    ["import * as v from 'valibot'\nexport const a = v", 'src/common/x.ts'],
    ["import { LibraryStore } from '../store/library-store'\nexport const a = LibraryStore", 'src/node/themes/x.ts'],
    ["import { ThemeOperations } from '../themes/theme-operations'\nexport const a = ThemeOperations", 'src/node/handlers/x.ts'],
    ["import { BriefingService } from '../service'\nexport const a = BriefingService", 'src/node/cli/x.ts'],
    ["import { describeIssues } from '../describe-issues'\nexport const a = describeIssues", 'src/node/store/x.ts'],
  ])('allows %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toEqual([])
  })
})
