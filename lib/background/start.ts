import { registerLifecycleRules } from './register-lifecycle-rules';
import { registerOmnibox } from './register-omnibox';
import { registerRequests } from './register-requests';
import { registerWorkspaceBar } from './register-workspace-bar';

/** Wires the service worker's listeners. Kept free of logic: rules live in lib/rules, writes in lib/ops. */
export function startBackground(): void {
  const runRules = registerLifecycleRules();
  registerOmnibox();
  const workspaceBarHandlers = registerWorkspaceBar();
  registerRequests({
    'rules/run': () => runRules(),
    // Wired to the usage source's reader in the next change.
    'usageFeed/read': async () => ({ read: false }),
    ...workspaceBarHandlers,
  });
}
