import { act } from 'preact/test-utils';

/**
 * Waits, letting Preact render and IndexedDB answer, until `ready()` holds; fails after
 * `timeoutMs` with `what` in the message. For states that settle after an operation's
 * transaction, in place of a fixed sleep that a busy machine can outrun.
 */
export async function waitFor(
  ready: () => boolean | Promise<boolean>,
  what = 'the expected state',
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let done = false;
    await act(async () => {
      done = await ready();
      if (!done) await new Promise((resolve) => setTimeout(resolve, 10));
    });
    if (done) return;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
  }
}
