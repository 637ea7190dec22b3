import { registerOmnibox } from './omnibox';

/** Wires the service worker's listeners. Kept free of logic: rules live in lib/rules, writes in lib/ops. */
export function startBackground(): void {
  // Listeners are added by the lifecycle issue (alarms, notifications, omnibox).
  registerOmnibox();
}
