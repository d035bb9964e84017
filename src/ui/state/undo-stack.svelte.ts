/** One user action that can be taken back and done again. Both steps talk to the service. */
export interface UndoableAction {
  undo(): Promise<void>
  redo(): Promise<void>
}

const MAX_DEPTH = 100

/**
 * Undo and redo of annotation changes. An action is recorded once the service has done it; undo
 * and redo run one at a time (a second key press while one is in flight is ignored, so the
 * stacks never disagree with the library).
 */
export class UndoStack {
  #done = $state.raw<UndoableAction[]>([])
  #undone = $state.raw<UndoableAction[]>([])
  #busy = false

  get canUndo(): boolean {
    return this.#done.length > 0
  }

  get canRedo(): boolean {
    return this.#undone.length > 0
  }

  /** The action the next undo takes back. */
  get latest(): UndoableAction | undefined {
    return this.#done.at(-1)
  }

  record(action: UndoableAction): void {
    this.#done = [...this.#done.slice(-(MAX_DEPTH - 1)), action]
    this.#undone = []
  }

  clear(): void {
    this.#done = []
    this.#undone = []
  }

  async undo(): Promise<boolean> {
    const action = this.#done.at(-1)
    if (action === undefined || this.#busy) return false
    this.#busy = true
    try {
      await action.undo()
      this.#done = this.#done.slice(0, -1)
      this.#undone = [...this.#undone, action]
      return true
    } finally {
      this.#busy = false
    }
  }

  async redo(): Promise<boolean> {
    const action = this.#undone.at(-1)
    if (action === undefined || this.#busy) return false
    this.#busy = true
    try {
      await action.redo()
      this.#undone = this.#undone.slice(0, -1)
      this.#done = [...this.#done, action]
      return true
    } finally {
      this.#busy = false
    }
  }
}
