import type { ResponseTo } from '../messages/protocol-schema';
import { onAlarm } from '../platform/alarms';
import { type BackgroundPorts, USAGE_FEED_ALARM } from './ports';
import { readUsageFeed, syncUsageFeedAlarm } from './read-usage-feed';
import { serialRunner } from './serial-runner';

function report(error: unknown): void {
  console.error('Agency Desk: usage source', error);
}

/**
 * Registers the usage source's reads: on its alarm, when a page asks (Read now, or a source
 * just saved), and at worker start when a read is due (the alarm may have been missed while
 * the computer slept). Reads never overlap. After a read the lifecycle rules run, which show
 * the warnings it decided. Called synchronously at worker start; returns the request handler.
 */
export function registerUsageFeed(
  ports: BackgroundPorts,
  runRules: () => Promise<unknown>,
): { 'usageFeed/read': () => Promise<ResponseTo<'usageFeed/read'>> } {
  const read = serialRunner(async () => {
    const status = await readUsageFeed(ports);
    await runRules();
    return status;
  });

  onAlarm((name) => {
    if (name === USAGE_FEED_ALARM) read().catch(report);
  });
  syncUsageFeedAlarm(ports)
    .then(({ due }) => (due ? read() : undefined))
    .catch(report);

  return {
    'usageFeed/read': async () => {
      const { configured } = await syncUsageFeedAlarm(ports);
      if (!configured) return { read: false };
      await read();
      return { read: true };
    },
  };
}
