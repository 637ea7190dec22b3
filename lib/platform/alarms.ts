import { browser } from 'wxt/browser';

/**
 * Makes sure a repeating alarm exists with this period. Creating an alarm that exists
 * restarts its countdown, so it is created only when missing or when its period changed:
 * a worker that wakes every few seconds must not keep pushing the next run away.
 */
export async function ensurePeriodicAlarm(name: string, periodInMinutes: number): Promise<boolean> {
  const existing = await browser.alarms.get(name);
  if (existing?.periodInMinutes === periodInMinutes) return false;
  await browser.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });
  return true;
}

/** The browser refuses alarms sooner than this (30 seconds in Chromium). */
const SOONEST_MS = 30_000;

/** One alarm at `when` (or none, when undefined), replacing an earlier one of the same name. */
export async function scheduleAlarmAt(name: string, when: number | undefined, now = Date.now()): Promise<void> {
  if (when === undefined) {
    await browser.alarms.clear(name);
    return;
  }
  const at = Math.max(when, now + SOONEST_MS);
  const existing = await browser.alarms.get(name);
  if (existing && existing.periodInMinutes === undefined && existing.scheduledTime <= at) return;
  await browser.alarms.create(name, { when: at });
}

export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

/** Calls `listener` with the alarm's name whenever one of the extension's alarms goes off. */
export function onAlarm(listener: (name: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => listener(alarm.name));
}
