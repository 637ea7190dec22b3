import { registerLifecycleRules } from './lifecycle';
import { registerOmnibox } from './omnibox';
import { registerRequests } from './register-requests';
import { registerWorkspaceBanner } from './workspace-banner';

/** Wires the service worker's listeners. Kept free of logic: rules live in lib/rules, writes in lib/ops. */
export function startBackground(): void {
  const runRules = registerLifecycleRules();
  registerOmnibox();
  const bannerHandlers = registerWorkspaceBanner();
  registerRequests({ 'rules/run': () => runRules(), ...bannerHandlers });
}
