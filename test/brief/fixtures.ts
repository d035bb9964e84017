import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as v from 'valibot'
import { BriefSchema, type Brief } from '../../src/common/model/brief'
import { ROOT } from '../helpers'

export const FIXTURES_DIR = join(ROOT, 'test', 'fixtures', 'brief')

/** A fixture brief, checked against the model's schema (a fixture that drifts fails loudly). */
export function loadBrief(name: 'brief' | 'hostile' | 'dossier'): Brief {
  return v.parse(BriefSchema, JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.json`), 'utf8')))
}

/** The annotations whose highlight the fixtures treat as orphaned. */
export const ORPHANS: ReadonlySet<string> = new Set(['an_0000000000000002', 'an_00000000000000a2'])

export const GENERATED_AT = '2024-11-13T09:00:00.000Z'
