import { useRef, useState } from 'preact/hooks';

/** Where a save began, from `mark()`: the changes made before it. */
export type SaveMark = number;

/**
 * A form's values, and when each was last changed. Typing goes on while a save is in
 * progress, so what the save hands back afterwards (the values as stored, or empty ones for
 * the next entry) replaces only the values nobody changed after the save began: a change
 * made meanwhile is the person's, and stays.
 */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const changes = useRef({ count: 0, last: new Map<keyof V, number>() });

  function change<K extends keyof V>(field: K, value: V[K]) {
    const seen = changes.current;
    seen.count += 1;
    seen.last.set(field, seen.count);
    setValues((previous) => ({ ...previous, [field]: value }));
  }

  /** Taken as a save begins, to hand to `settle` (or `changedSince`) once it is done. */
  const mark = (): SaveMark => changes.current.count;

  /** Whether a field was changed after the save marked `since` began. */
  const changedSince = (since: SaveMark) => (field: keyof V) => (changes.current.last.get(field) ?? 0) > since;

  /** After a save: `next` for every field not changed since it began, what was typed for the rest. */
  function settle(next: Partial<V>, since: SaveMark) {
    const changed = changedSince(since);
    setValues((previous) => {
      const kept = { ...previous };
      for (const field of Object.keys(next) as (keyof V)[])
        if (!changed(field)) kept[field] = next[field] as V[keyof V];
      return kept;
    });
  }

  return { values, change, mark, changedSince, settle };
}
