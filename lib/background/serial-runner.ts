/**
 * Runs `task` one at a time. A request while a run is going queues one more run after it
 * (data may have changed since the running one read it); further requests meanwhile share
 * that queued run instead of piling up.
 */
export function serialRunner<T>(task: () => Promise<T>): () => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<T> | undefined;
  return () => {
    if (queued) return queued;
    const run = tail.then(() => {
      queued = undefined;
      return task();
    });
    queued = run;
    tail = run.catch(() => undefined);
    return run;
  };
}
