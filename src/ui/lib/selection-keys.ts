/** What a key press means to a list with multiple selection (the annotations panel, theme passages). */
export type SelectionKey = 'selectAll' | 'end' | 'undo' | 'redo' | null

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'TEXTAREA' || (target instanceof HTMLInputElement && target.type !== 'checkbox'))
}

/**
 * Ctrl/Cmd+A selects every card shown, Escape ends the selection, and Ctrl/Cmd+Z (Y, Shift+Z) on
 * a checkbox means undo (redo): the reader's own shortcut leaves form fields alone, but a checkbox
 * holds no text to undo. Keys typed in a text field are its own.
 */
export function selectionKey(event: KeyboardEvent, selecting: boolean): SelectionKey {
  if (isTextField(event.target)) return null
  const mod = (event.ctrlKey || event.metaKey) && !event.altKey
  const key = event.key.toLowerCase()
  if (mod && key === 'a') return 'selectAll'
  if (key === 'escape' && selecting) return 'end'
  if (mod && (key === 'z' || key === 'y') && event.target instanceof HTMLInputElement) return key === 'y' || event.shiftKey ? 'redo' : 'undo'
  return null
}
