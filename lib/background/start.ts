import { registerLifecycleRules } from './lifecycle';
import { registerOmnibox } from './omnibox';
import { registerWorkspaceBanner } from './workspace-banner';

/** Wires the service worker's listeners. Kept free of logic: rules live in lib/rules, writes in lib/ops. */
export function startBackground(): void {
  registerLifecycleRules();
  registerOmnibox();
  registerWorkspaceBanner();
}
