import { mergeChanges, type LibraryChange } from '../../common/model/library-change'
import { onLibraryChanged as subscribeToWindow } from './app-events'

/**
 * The library's change feed in the window: every commit the store announces (the window's own
 * calls, an import running in the background, anything else the app's process commits), merged
 * so that a view refreshes once per animation frame however many commits arrived in it. Views
 * subscribe here and refresh what a change names; they never poll.
 */
type Listener = (change: LibraryChange) => void

const listeners = new Set<Listener>()
let pending: LibraryChange | null = null
let stopWindow: (() => void) | null = null

function deliver(change: LibraryChange): void {
  const first = pending === null
  pending = pending === null ? change : mergeChanges(pending, change)
  if (first) requestAnimationFrame(flush)
}

function flush(): void {
  const change = pending
  pending = null
  if (change === null) return
  for (const listener of [...listeners]) {
    try {
      listener(change)
    } catch (error) {
      console.error('[briefing-desk] a view failed to follow a library change:', error)
    }
  }
}

/** Calls `listener` with the merged changes of each frame; returns a function that stops listening. */
export function onLibraryChanged(listener: Listener): () => void {
  stopWindow ??= subscribeToWindow(deliver)
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    if (listeners.size > 0) return
    stopWindow?.()
    stopWindow = null
    pending = null
  }
}

/** True when `change` may have changed what `articleId`'s highlights show (their list or their tags' names). */
export function touchesAnnotationsOf(change: LibraryChange, articleId: string): boolean {
  return change.everything || change.tags || change.annotations.includes(articleId)
}
