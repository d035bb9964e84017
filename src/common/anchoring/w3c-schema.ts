import * as v from 'valibot'

/**
 * Schemas for W3C annotations coming in from a file: ours, or another tool's (Hypothesis exports
 * the same selectors). Lenient where the model is (one value or an array of them; selectors and
 * bodies of kinds we do not use are allowed and ignored), strict about what anchoring needs (a
 * target with a TextQuoteSelector, well-formed positions), with messages that say what to fix.
 */
const ANNOTATION_CONTEXTS: readonly string[] = ['http://www.w3.org/ns/anno.jsonld', 'https://www.w3.org/ns/anno.jsonld']

/** One value or an array of them, always read as an array. */
function oneOrMany<T extends v.GenericSchema>(item: T) {
  return v.pipe(
    v.unknown(),
    v.transform((value) => (Array.isArray(value) ? (value as unknown[]) : [value])),
    v.array(item),
  )
}

/** `type` as the model allows it: one name, or several of which one must be `name`. */
export function typeIncludes(value: unknown, name: string): boolean {
  return value === name || (Array.isArray(value) && value.includes(name))
}

export const ContextSchema = v.pipe(
  v.unknown(),
  v.check(
    (value) => (Array.isArray(value) ? value : [value]).some((entry) => ANNOTATION_CONTEXTS.includes(entry as string)),
    `must be, or list, ${ANNOTATION_CONTEXTS[0]}`,
  ),
)

const TextQuoteSelectorSchema = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string('a TextQuoteSelector needs its quote as text in “exact”'), v.minLength(1, 'the quote in “exact” is empty')),
  prefix: v.optional(v.string('“prefix” must be text'), ''),
  suffix: v.optional(v.string('“suffix” must be text'), ''),
})

type TextQuoteSelectorInput = v.InferOutput<typeof TextQuoteSelectorSchema>

const offset = (name: string) =>
  v.pipe(v.number(`“${name}” must be a number`), v.integer(`“${name}” must be a whole number`), v.minValue(0, `“${name}” must not be negative`))

const TextPositionSelectorSchema = v.object({
  type: v.literal('TextPositionSelector'),
  start: offset('start'),
  end: offset('end'),
})

type TextPositionSelectorInput = v.InferOutput<typeof TextPositionSelectorSchema>

// The other selectors' `type` is any other string, so `type` alone does not narrow the union.
function isPosition(selector: { readonly type: string }): selector is TextPositionSelectorInput {
  return selector.type === 'TextPositionSelector'
}

// Every other selector (RangeSelector, XPathSelector, …): kept out of the way, never an error.
const OtherSelectorSchema = v.looseObject({
  type: v.pipe(v.string('a selector needs a “type”'), v.notValues(['TextQuoteSelector', 'TextPositionSelector'])),
})

const SelectorSchema = v.pipe(
  v.variant('type', [TextQuoteSelectorSchema, TextPositionSelectorSchema, OtherSelectorSchema]),
  v.check((selector) => !isPosition(selector) || selector.end > selector.start, 'a TextPositionSelector must end after it starts'),
)

const TargetSchema = v.looseObject({
  source: v.pipe(v.string('the target needs a “source”: the IRI of the annotated document'), v.minLength(1, 'the target’s “source” is empty')),
  // Read as the two selectors anchoring uses; the first of each kind counts.
  selector: v.pipe(
    oneOrMany(SelectorSchema),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const quote = dataset.value.find((selector): selector is TextQuoteSelectorInput => selector.type === 'TextQuoteSelector')
      if (quote === undefined) {
        addIssue({ message: 'needs a TextQuoteSelector: the quoted text is what places an annotation in an article' })
        return NEVER
      }
      const position = dataset.value.find(isPosition)
      return { quote, position: position ?? null }
    }),
  ),
  styleClass: v.optional(oneOrMany(v.string('a styleClass must be text')), []),
}, 'must be an object with a source and selectors')

/** A body as given: an IRI (another tool's resource) or an object we look at more closely. */
const BodySchema = v.union(
  [
    v.string(),
    v.looseObject({
      type: v.optional(v.unknown()),
      value: v.optional(v.unknown()),
      purpose: v.optional(oneOrMany(v.string('a body’s “purpose” must be text')), []),
    }),
  ],
  'a body must be an object or an IRI',
)

/** A body that is an object, not an IRI. */
export type W3CBodyObject = Exclude<v.InferOutput<typeof BodySchema>, string>

const timestamp = (name: string) => v.optional(v.pipe(v.string(), v.isoTimestamp(`“${name}” must be a date and time such as 2026-03-01T09:30:00Z`)))

export const W3CAnnotationSchema = v.looseObject({
  type: v.pipe(
    v.unknown(),
    v.check((type) => typeIncludes(type, 'Annotation'), '“type” must be “Annotation”'),
  ),
  id: v.optional(v.string('an annotation’s “id” must be an IRI')),
  created: timestamp('created'),
  modified: timestamp('modified'),
  bodyValue: v.optional(v.string('“bodyValue” must be text')),
  body: v.optional(oneOrMany(BodySchema), []),
  target: v.pipe(
    v.unknown(),
    v.check((target) => !Array.isArray(target) || target.length === 1, 'must be a single target: an annotation of several passages cannot be imported'),
    v.transform((target) => (Array.isArray(target) ? (target[0] as unknown) : target)),
    v.check((target) => typeof target !== 'string', 'must describe the passage with selectors, not only name a document'),
    TargetSchema,
  ),
})

export type W3CAnnotationInput = v.InferOutput<typeof W3CAnnotationSchema>
