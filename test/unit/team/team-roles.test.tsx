import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ClientOverviewView } from '../../../entrypoints/options/views/ClientOverviewView';
import { ClientsView } from '../../../entrypoints/options/views/ClientsView';
import { NewClientView } from '../../../entrypoints/options/views/NewClientView';
import { SettingsView } from '../../../entrypoints/options/views/SettingsView';
import { BackupView } from '../../../entrypoints/options/views/BackupView';
import { DEFAULT_LIST_STATE } from '../../../entrypoints/options/components/client-list-state';
import type { TeamRole } from '../../../lib/model/team';
import { createClient, updateSettings } from '../../../lib/ops';
import { installFakePermissions } from '../fake-permissions';
import { clientInput, resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { button, fakeBackground, settle } from '../settings/settings-dom';
import { waitFor } from '../wait-for';
import { connectUiTeam } from './ui-team-fixture';

const root = renderRootPerTest();
const VIEWER = 'Your role in the team is viewer: you can look at the roster but not change it.';
const OWNER_ONLY = "Only the team's owner can change this.";

/** The text an element's aria-describedby points at. */
function describedBy(element: Element): string | null {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ') || null;
}

let orgId: string;

async function rosterWithOneClient(role: TeamRole | undefined) {
  await updateSettings({ poolSize: 1_000, timeZone: 'UTC' }, { now: T0 });
  // Made before the team connection: a viewer could not have made it.
  ({ orgId } = await createClient(clientInput({ name: 'Acme Outdoor', quota: 40 }), { now: T0 }));
  if (role) await connectUiTeam(role, { pulledVersion: 1, syncedAt: T0 });
}

async function show(view: preact.JSX.Element) {
  await act(() => render(view, root()));
  await settle(8);
}

describe("what a member's role cannot do is disabled, with the reason", () => {
  beforeEach(async () => {
    await resetDb();
    installFakePermissions();
    fakeBackground();
  });

  it("a viewer's client overview: every change disabled or gone, the reason at the top", async () => {
    await rosterWithOneClient('viewer');
    await show(<ClientOverviewView orgId={orgId} />);
    await waitFor(() => root().querySelector('#overview-heading')?.textContent === 'Acme Outdoor', 'the overview');
    expect(root().querySelector('[data-testid="team-reason"]')?.textContent).toBe(VIEWER);
    // The details are shown but cannot be edited or saved; the quota, usage, experiment and member forms are gone.
    expect(root().querySelector<HTMLFieldSetElement>('fieldset.client-form-body')?.disabled).toBe(true);
    expect(root().querySelector('form.overview-record')).toBeNull();
    expect(() => button(root(), 'Save')).toThrow();
    for (const label of ['Record revoked access', 'Change plan', 'Change card']) {
      const control = button(root(), label);
      expect(control.disabled, label).toBe(true);
      expect(describedBy(control), label).toContain(VIEWER);
    }
  });

  it("a viewer's client menu offers the changes disabled, the reason under each, and refuses them", async () => {
    await rosterWithOneClient('viewer');
    await show(<ClientsView list={DEFAULT_LIST_STATE} />);
    await waitFor(() => root().querySelector('.row-menu-button') !== null, 'the list');
    await act(() => root().querySelector<HTMLButtonElement>('.row-menu-button')!.click());
    const item = (action: string) => root().querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
    expect(item('edit').textContent).toBe('View');
    for (const action of ['inactivate', 'delete']) {
      expect(item(action).getAttribute('aria-disabled'), action).toBe('true');
      expect(describedBy(item(action)), action).toBe(VIEWER);
    }
    await act(() => item('delete').click());
    expect(root().querySelector('dialog')).toBeNull();
    expect(root().querySelector('[role="alert"]')?.textContent).toBe(VIEWER);
  });

  it("a viewer's New client form is read-only, and the import is disabled, with the reason", async () => {
    await rosterWithOneClient('viewer');
    await show(<NewClientView />);
    expect(root().querySelector('[data-testid="team-reason"]')?.textContent).toBe(VIEWER);
    expect(root().querySelector<HTMLFieldSetElement>('fieldset.client-form-body')?.disabled).toBe(true);
    await show(<BackupView />);
    const file = root().querySelector<HTMLInputElement>('#import-file')!;
    expect(file.disabled).toBe(true);
    expect(describedBy(file)).toBe(VIEWER);
  });

  it("a viewer's empty roster offers no sample data, and says why", async () => {
    await connectUiTeam('viewer', { pulledVersion: 1 });
    await show(<ClientsView list={DEFAULT_LIST_STATE} />);
    const load = button(root(), 'Load sample data');
    expect(load.disabled).toBe(true);
    expect(describedBy(load)).toBe(VIEWER);
  });

  it("a manager's Settings save is disabled, only the owner's; the Team section stays theirs", async () => {
    await rosterWithOneClient('manager');
    await show(<SettingsView />);
    await waitFor(() => root().querySelector('#settings-heading') !== null, 'Settings');
    for (const label of ['Save settings', 'Save webhook']) {
      const save = button(root(), label);
      expect(save.disabled, label).toBe(true);
      expect(describedBy(save), label).toBe(OWNER_ONLY);
    }
    expect(button(root(), 'Disconnect').disabled).toBe(false);
  });

  it("the owner's Settings save is enabled", async () => {
    await rosterWithOneClient('owner');
    await show(<SettingsView />);
    await waitFor(() => root().querySelector('#settings-heading') !== null, 'Settings');
    expect(button(root(), 'Save settings').disabled).toBe(false);
    expect(root().querySelector('[data-testid="team-reason"]')).toBeNull();
  });

  it('changes nothing in single-browser use', async () => {
    await rosterWithOneClient(undefined);
    await show(<ClientOverviewView orgId={orgId} />);
    await waitFor(() => root().querySelector('#overview-heading')?.textContent === 'Acme Outdoor', 'the overview');
    expect(root().querySelector('[data-testid="team-reason"]')).toBeNull();
    expect(root().querySelector<HTMLFieldSetElement>('fieldset.client-form-body')?.disabled).toBe(false);
    expect(button(root(), 'Change plan').disabled).toBe(false);
    await show(<SettingsView />);
    await waitFor(() => root().querySelector('#settings-heading') !== null, 'Settings');
    expect(button(root(), 'Save settings').disabled).toBe(false);
  });
});
