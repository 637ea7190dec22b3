// The notifications of the Firefox build (import.meta.env.FIREFOX, which `wxt build -b firefox`
// makes true; stubbed here): Firefox has no notification
// buttons, and its notifications.onButtonClicked is a stub whose addListener only logs
// "attempting to use listener "notifications.onButtonClicked", which is unimplemented". So the
// build shows no buttons, registers no button listener, and a click on the notification itself
// opens what it points at (a reminder: the client's overview).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerLifecycleRules } from '../../../lib/background/register-lifecycle-rules';
import { showNotification } from '../../../lib/platform/notifications';
import { createWorld } from '../background/world';
import { resetDb } from '../ops/helpers';

const NOW = Date.parse('2026-03-11T06:00:00Z');

beforeEach(async () => {
  await resetDb();
  // What the Firefox build has; vitest reads import.meta.env at run time.
  vi.stubEnv('FIREFOX', 'true');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Firefox's onButtonClicked: there, but adding a listener only logs that it is unimplemented. */
function firefoxButtonStub() {
  return vi.spyOn(fakeBrowser.notifications.onButtonClicked, 'addListener').mockImplementation(() => {
    console.warn('attempting to use listener "notifications.onButtonClicked", which is unimplemented.');
  });
}

describe('notifications in the Firefox build', () => {
  it('shows a reminder without buttons', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await showNotification('reminder:ORG-00000001:2026-04-10:7', {
      title: 'Helios Energy will be deleted on Apr 10, 2026',
      message: 'Reactivate the client before then to keep it.',
      buttons: ['Open client overview', 'Open dashboard'],
    });
    expect(create).toHaveBeenCalledOnce();
    const [id, options] = create.mock.lastCall as unknown as [string, Record<string, unknown>];
    expect(id).toBe('reminder:ORG-00000001:2026-04-10:7');
    expect(options).toMatchObject({ title: 'Helios Energy will be deleted on Apr 10, 2026' });
    expect(options).not.toHaveProperty('buttons');
  });

  it('registers no button listener when the background starts', async () => {
    const addListener = firefoxButtonStub();
    const warn = vi.spyOn(console, 'warn');
    await registerLifecycleRules(createWorld(NOW).ports)();
    expect(addListener).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it("opens the client's overview from a click on a reminder's notification", async () => {
    firefoxButtonStub();
    await registerLifecycleRules(createWorld(NOW).ports)();
    await fakeBrowser.notifications.onClicked.trigger('reminder:ORG-00000001:2026-04-10:7');
    const overview = browser.runtime.getURL('/options.html#/clients/ORG-00000001');
    await vi.waitFor(async () => expect((await browser.tabs.query({})).map((tab) => tab.url)).toContain(overview));
  });
});
