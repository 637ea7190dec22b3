import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { useWorkspaceBarAccess } from '../../../entrypoints/options/components/settings/useWorkspaceBarAccess';
import { WebhookSettings } from '../../../entrypoints/options/components/settings/WebhookSettings';
import { t } from '../../../lib/i18n';
import { updateSettings } from '../../../lib/ops';
import { setReminderWebhook } from '../../../lib/ops/reminders';
import { installFakePermissions } from '../fake-permissions';
import { resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';

const root = renderRootPerTest();

/** Lets liveQuery, the permission checks and the renders they cause settle. */
async function settle() {
  for (let round = 0; round < 5; round += 1) {
    await act(async () => {
      await new Promise((done) => setTimeout(done, 10));
    });
  }
}

function BannerAccessText({ template }: { template: string }) {
  const access = useWorkspaceBarAccess(template);
  return <p>{access.text ?? ''}</p>;
}

// Host access lives in the browser, not in IndexedDB: the settings must follow the browser's
// permission events, or a grant or removal made elsewhere goes unnoticed until a reload.
describe('host access shown in Settings follows the browser', () => {
  beforeEach(resetDb);

  it('the webhook notice goes when access is granted elsewhere, and comes back when it is removed', async () => {
    const permissions = installFakePermissions();
    await setReminderWebhook('https://hooks.example.test/reminders', { now: T0 });
    await act(() => render(<WebhookSettings />, root()));
    await settle();
    const missing = t('settings_webhookPermissionMissing');
    expect(root().textContent).toContain(missing);

    await act(() => permissions.grant('https://hooks.example.test/*'));
    await settle();
    expect(root().textContent).not.toContain(missing);

    await act(() => permissions.revoke('https://hooks.example.test/*'));
    await settle();
    expect(root().textContent).toContain(missing);
  });

  it('the bar\'s "access needed" line follows a grant and a removal made in the browser', async () => {
    const permissions = installFakePermissions();
    await updateSettings({ workspaceUrlTemplate: 'https://app.example.test/org/{orgId}' }, { now: T0 });
    await act(() => render(<BannerAccessText template="https://app.example.test/org/{orgId}" />, root()));
    await settle();
    const needed = t('banner_accessNeeded', { host: 'app.example.test' });
    expect(root().textContent).toBe(needed);

    await act(() => permissions.grant('https://app.example.test/*'));
    await settle();
    expect(root().textContent).toBe('');

    await act(() => permissions.revoke('https://app.example.test/*'));
    await settle();
    expect(root().textContent).toBe(needed);
  });

  it('stops listening when Settings closes', async () => {
    const permissions = installFakePermissions();
    await act(() => render(<BannerAccessText template="https://app.example.test/org/{orgId}" />, root()));
    await settle();
    await act(() => render(null, root()));
    expect(permissions.listeners()).toBe(0);
  });
});
