/**
 * `rows` followed by the rows of `page` whose key is not already among them. A list fetched a page
 * at a time by offset repeats rows when its order changed between two pages; a keyed Svelte `each`
 * throws on a repeated key, so the next page brings only rows not listed yet.
 */
export function appendNew<Row extends { readonly key: string }>(rows: readonly Row[], page: readonly Row[]): readonly Row[] {
  const listed = new Set(rows.map((row) => row.key))
  return [...rows, ...page.filter((row) => !listed.has(row.key))]
}
