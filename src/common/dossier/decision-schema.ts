import * as v from 'valibot'
import type { PersonDecision } from './decisions'
import type { OrganisationDecision } from './organisation-decisions'

/**
 * The schema of the user's decisions about the dossier's people (decisions.ts), used twice: to
 * validate the `decidePerson` API input and the list kept in the library's settings. Keys and
 * names are bounded text; a split names its mentions by article, paragraph and text as written.
 */
export const MAX_PERSON_DECISIONS = 5000
const NAME_LIMIT = 200

const KeySchema = v.pipe(v.string(), v.minLength(1), v.maxLength(NAME_LIMIT))
const NameSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(NAME_LIMIT))
const MentionRefSchema = v.strictObject({
  articleId: v.pipe(v.string(), v.regex(/^[0-9a-f]{8,64}$/, 'an article id')),
  block: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(NAME_LIMIT)),
})

export const PersonDecisionSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('confirm'), key: KeySchema }),
  v.strictObject({ kind: v.literal('rename'), key: KeySchema, name: NameSchema }),
  v.strictObject({ kind: v.literal('merge'), keys: v.pipe(v.array(KeySchema), v.minLength(2), v.maxLength(50)) }),
  v.strictObject({ kind: v.literal('split'), key: KeySchema, mentions: v.pipe(v.array(MentionRefSchema), v.minLength(1), v.maxLength(1000)), name: NameSchema }),
  v.strictObject({ kind: v.literal('hide'), key: KeySchema }),
  v.strictObject({ kind: v.literal('unhide'), key: KeySchema }),
])

/** A decision as validated and stored (the engine's PersonDecision, with plain arrays). */
export type StoredPersonDecision = v.InferOutput<typeof PersonDecisionSchema>

export const PersonDecisionsSchema = v.pipe(v.array(PersonDecisionSchema), v.maxLength(MAX_PERSON_DECISIONS))

/** The organisations' decisions (organisation-decisions.ts): the people's kinds but split. */
export const OrganisationDecisionSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('confirm'), key: KeySchema }),
  v.strictObject({ kind: v.literal('rename'), key: KeySchema, name: NameSchema }),
  v.strictObject({ kind: v.literal('merge'), keys: v.pipe(v.array(KeySchema), v.minLength(2), v.maxLength(50)) }),
  v.strictObject({ kind: v.literal('hide'), key: KeySchema }),
  v.strictObject({ kind: v.literal('unhide'), key: KeySchema }),
])

export type StoredOrganisationDecision = v.InferOutput<typeof OrganisationDecisionSchema>

export const OrganisationDecisionsSchema = v.pipe(v.array(OrganisationDecisionSchema), v.maxLength(MAX_PERSON_DECISIONS))

export function asOrganisationDecision(parsed: StoredOrganisationDecision): OrganisationDecision {
  return parsed
}

// What the schema accepts is a decision the engine applies (TypeScript checks the assignment).
export function asPersonDecision(parsed: v.InferOutput<typeof PersonDecisionSchema>): PersonDecision {
  return parsed
}
