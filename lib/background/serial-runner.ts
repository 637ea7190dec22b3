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

/**
 * Runs the tasks given to it one after the other, each once, in the order given: for work
 * that must not overlap but must not be shared either (a connect and a sync of the same roster).
 */
export function exclusiveRunner(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
