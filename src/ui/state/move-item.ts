/** `items` with the element at `from` moved to `to` (both clamped); the same array when nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to))
  if (from === target || from < 0 || from >= items.length) return [...items]
  const copy = [...items]
  const [moved] = copy.splice(from, 1)
  copy.splice(target, 0, moved as T)
  return copy
}
