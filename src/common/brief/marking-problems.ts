import { MAX_MARKING_LENGTH, MAX_USER_MARKINGS } from '../model/settings'

/**
 * What is wrong with the user's list of handling markings, one entry per marking (null when it is
 * fine), for the markings editor to say beside each field before anything is saved. A repeat is
 * refused rather than silently merged: two "Internal" entries would look like a mistake, and one
 * that repeats a built-in marking adds nothing to the list the brief offers.
 */
export type MarkingProblem = 'required' | 'tooLong' | 'duplicate' | 'builtIn'

export function markingProblems(markings: readonly string[], builtIn: readonly string[]): (MarkingProblem | null)[] {
  const fold = (marking: string) => marking.trim().toLocaleLowerCase('vi').normalize('NFC')
  const builtInFolded = new Set(builtIn.map(fold))
  const seen = new Set<string>()
  return markings.map((marking) => {
    const folded = fold(marking)
    if (folded === '') return 'required'
    if (marking.trim().length > MAX_MARKING_LENGTH) return 'tooLong'
    if (builtInFolded.has(folded)) return 'builtIn'
    if (seen.has(folded)) return 'duplicate'
    seen.add(folded)
    return null
  })
}

/** True when the list may be saved as it is: no problem, and no more markings than settings take. */
export function markingsSavable(markings: readonly string[], builtIn: readonly string[]): boolean {
  return markings.length <= MAX_USER_MARKINGS && markingProblems(markings, builtIn).every((problem) => problem === null)
}

/** The briefs that carry `marking`, word for word (what the export prints), for the editor to name. */
export function briefsUsingMarking<Brief extends { readonly marking: string }>(briefs: readonly Brief[], marking: string): Brief[] {
  return briefs.filter((brief) => brief.marking !== '' && brief.marking === marking)
}
