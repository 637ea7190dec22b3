import { defineContentScript } from 'wxt/utils/define-content-script';
import { runWorkspaceBar } from '../components/workspace-bar/run-workspace-bar';

// The name is the built script's path (content-scripts/workspace-banner.js), which registrations
// kept from earlier versions point at (lib/platform/workspace-bar-registry.ts).
// Not in the manifest: registered at run time for the workspace template's origin only, once
// the agency has granted access to it (lib/background/register-workspace-bar.ts).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    void runWorkspaceBar(ctx);
  },
});
