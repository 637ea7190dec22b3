import { defineContentScript } from 'wxt/utils/define-content-script';
import { runWorkspaceBanner } from '../components/banner/run-banner';

// Not in the manifest: registered at run time for the workspace template's origin only, once
// the agency has granted access to it (lib/background/workspace-banner.ts).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    void runWorkspaceBanner(ctx);
  },
});
