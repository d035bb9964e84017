import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/annotation'

/**
 * Highlight colours in W3C exports, the way the model itself styles annotations (§4.4 "Styles"):
 * the target carries a `styleClass` and the annotation a `stylesheet` (a CssStylesheet) that
 * defines the class. Chosen over the alternatives:
 *  - a body with purpose "highlighting" would be a body that says nothing about the passage, and
 *    other tools would list "yellow" as a comment;
 *  - a private extension property would need our own JSON-LD context, and nobody else could read it.
 * With styleClass, a W3C client that honours styles shows the colour, and we read it back from the
 * class name alone. The CSS is a rendering hint for other tools; the app uses its own palette.
 */
const CLASS_PREFIX = 'highlight-'

const CSS_COLORS: Readonly<Record<HighlightColor, string>> = {
  yellow: '#fde047',
  green: '#86efac',
  blue: '#93c5fd',
  pink: '#f9a8d4',
  purple: '#c4b5fd',
}

export function styleClassOf(color: HighlightColor): string {
  return CLASS_PREFIX + color
}

/** The stylesheet an exported annotation embeds for its colour's class. */
export function stylesheetFor(color: HighlightColor): string {
  return `.${styleClassOf(color)} { background-color: ${CSS_COLORS[color]}; }`
}

/** The colour named by the first of our classes among `classes`, or null (another tool's styling, or none). */
export function colorFromStyleClasses(classes: readonly string[]): HighlightColor | null {
  for (const name of classes) {
    const color = HIGHLIGHT_COLORS.find((candidate) => styleClassOf(candidate) === name)
    if (color !== undefined) return color
  }
  return null
}
