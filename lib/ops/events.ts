/** What changed, told to listeners after the transaction that changed it has committed. */
export interface DataChange {
  /** Clients whose data changed; empty when only settings or the pool changed. */
  orgIds: string[];
}

type Listener = (change: DataChange) => void;

const listeners = new Set<Listener>();

/** Listens for committed changes made in this context; returns the unsubscribe function. */
export function onDataChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitDataChanged(change: DataChange): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      // One broken listener must not stop the others, nor undo a committed change.
      console.error('Agency Desk: a data change listener failed', error);
    }
  }
}
