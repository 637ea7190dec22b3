/** Ends a long-running command on SIGINT (Ctrl-C) or SIGTERM (a service manager, a container stop). */
export function signalOnShutdown(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = (name: NodeJS.Signals) => {
    // One signal starts a clean shutdown; with the listeners gone, a second one ends the process at once.
    dispose();
    controller.abort(name);
  };
  const dispose = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { signal: controller.signal, dispose };
}

export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
