/**
 * YAML scalars for front matter. Strings are always double-quoted, so that no value is ever read
 * as a number, a boolean, a date, a comment, an anchor or a nested structure ("NO", "2024-11-14",
 * "# x", "a: b" all stay strings).
 *
 * The escapes used are the ones YAML 1.1 and 1.2 double-quoted scalars share with JSON (`\"`,
 * `\\`, `\n`, `\t`, `\r`, `\uXXXX`), so a value can be read back with JSON.parse as well.
 * Escaped as `\uXXXX`: C0 and C1 controls, DEL, U+2028/U+2029 (line breaks to YAML 1.1), the BOM
 * and non-characters; and also `<` and `&`, so that a renderer that does not know front matter and
 * shows it as a paragraph finds no raw HTML or entity in it. A lone surrogate (not text) becomes
 * U+FFFD. Other characters, Vietnamese letters included, are written as they are (UTF-8).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff<&]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' }

export function yamlString(value: string): string {
  const escaped = value.replace(NEEDS_ESCAPE, (char) => {
    const short = SHORT_ESCAPES[char]
    if (short !== undefined) return short
    const code = char.charCodeAt(0)
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd'
    return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
  })
  return `"${escaped}"`
}

/** A nullable string: `null` or a double-quoted string. */
export function yamlNullableString(value: string | null): string {
  return value === null ? 'null' : yamlString(value)
}
