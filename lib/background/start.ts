import { registerLifecycleRules } from './register-lifecycle-rules';
import { registerOmnibox } from './register-omnibox';
import { registerRequests } from './register-requests';
import { registerTeamSync } from './register-team-sync';
import { registerUsageFeed } from './register-usage-feed';
import { browserPorts } from './ports';
import { registerWorkspaceBar } from './register-workspace-bar';

/** Wires the service worker's listeners. Kept free of logic: rules live in lib/rules, writes in lib/ops. */
export function startBackground(): void {
  const ports = browserPorts();
  const runRules = registerLifecycleRules(ports);
  const usageFeedHandlers = registerUsageFeed(ports, runRules);
  registerOmnibox();
  const workspaceBarHandlers = registerWorkspaceBar();
  const teamSync = registerTeamSync(ports);
  registerRequests({
    // A page changed data: the rules run, and a shared roster's change is pushed soon (without waiting for it).
    'rules/run': () => {
      teamSync.afterChange();
      return runRules();
    },
    ...usageFeedHandlers,
    ...workspaceBarHandlers,
    ...teamSync.handlers,
  });
}
