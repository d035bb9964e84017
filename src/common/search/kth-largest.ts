/**
 * The k-th largest of `values[0 .. count)` (k from 1 to count), in linear expected time:
 * Hoare's selection, which reorders `values`. Ranking uses it to find the scores of the best
 * few hundred of ten thousand candidates without sorting them (rank.ts).
 */
export function kthLargest(values: Float64Array, count: number, k: number): number {
  if (k < 1 || k > count) throw new RangeError(`k must lie in 1..${count}, not ${k}`)
  // The k-th largest is the element at index k - 1 of the descending order.
  const target = k - 1
  let low = 0
  let high = count - 1
  while (low < high) {
    // Median of three as the pivot: sorted or constant runs stay linear.
    const middle = (low + high) >>> 1
    const a = values[low]!
    const b = values[middle]!
    const c = values[high]!
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b
    let i = low
    let j = high
    while (i <= j) {
      while (values[i]! > pivot) i++
      while (values[j]! < pivot) j--
      if (i <= j) {
        const t = values[i]!
        values[i] = values[j]!
        values[j] = t
        i++
        j--
      }
    }
    // Now values[low .. j] >= pivot >= values[i .. high], and values(j, i) equal the pivot.
    if (target <= j) high = j
    else if (target >= i) low = i
    else return values[target]!
  }
  return values[target]!
}
