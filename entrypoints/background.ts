import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/background/start';

// Listeners must be registered synchronously so that a woken worker sees its events.
export default defineBackground({
  type: 'module',
  main() {
    startBackground();
  },
});
