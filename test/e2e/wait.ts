// The one way the real-browser tests wait: poll a probe until its value is what is wanted,
// with a deadline and a failure that says what was awaited and what was last seen.

export const DEFAULT_TIMEOUT_MS = 10_000;
const POLL_MS = 50;

export async function waitUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: () => string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: string;
    try {
      const value = await probe();
      if (done(value)) return value;
      last = JSON.stringify(value);
    } catch (error) {
      last = `error: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
    }
    if (Date.now() >= deadline)
      throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what()}; last seen: ${last}`);
    await new Promise((next) => setTimeout(next, POLL_MS));
  }
}
