import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { RefusedNotice } from '../../../entrypoints/options/components/team/RefusedNotice';
import { RefusedView } from '../../../entrypoints/options/views/RefusedView';
import { db } from '../../../lib/db/database';
import { formatDateTime, setLanguage } from '../../../lib/i18n';
import { listUnseenRefusedChanges } from '../../../lib/ops/team-refused';
import { T0, resetDb } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { fakeBackground, press, settle } from '../settings/settings-dom';
import { waitFor } from '../wait-for';
import { addRefusedChange, connectUiTeam } from './ui-team-fixture';

const root = renderRootPerTest();
const texts = (testId: string) =>
  [...root().querySelectorAll(`[data-testid="${testId}"]`)].map((element) => element.textContent);
const notice = () => root().querySelector('[data-testid="refused-notice"]');

describe('the notice of refused changes', () => {
  beforeEach(async () => {
    await resetDb();
    await connectUiTeam('manager', { pulledVersion: 1 });
  });

  async function showNotice() {
    await act(() => render(<RefusedNotice />, root()));
    await settle();
  }

  it('says which change was refused and why, with a link to the list', async () => {
    await addRefusedChange({ key: 'error_quotaExceedsFree', params: { needed: 45, free: 20 } });
    await showNotice();
    expect(notice()?.querySelector('p')?.textContent).toBe(
      "Your change “Change Acme Outdoor's quota to 45” was refused: This needs 45 more licenses, but only 20 are free in the pool.",
    );
    expect(notice()?.querySelector('a')?.getAttribute('href')).toBe('#/refused');
  });

  it('counts several, and says nothing of those already seen', async () => {
    await addRefusedChange();
    await addRefusedChange({ name: 'client.delete', args: { orgId: 'ORG-BIRC0001' }, clientName: 'Birch Books' });
    await addRefusedChange({ seen: 1 });
    await showNotice();
    expect(notice()?.querySelector('p')?.textContent).toBe("The team's server refused changes made here: 2.");
  });

  it('is not there when every refusal was seen', async () => {
    await addRefusedChange({ seen: 1 });
    await showNotice();
    expect(notice()).toBeNull();
  });

  it('speaks Japanese to a Japanese reader', async () => {
    setLanguage('ja');
    await addRefusedChange({ key: 'error_quotaExceedsFree', params: { needed: 45, free: 20 } });
    await showNotice();
    expect(notice()?.querySelector('p')?.textContent).toBe(
      '変更「Acme Outdoorのライセンス数を45に変更」は拒否されました：ライセンスがあと45件必要ですが、プールの空きは20件だけです。',
    );
  });
});

describe('the Changes refused view', () => {
  beforeEach(async () => {
    await resetDb();
    await connectUiTeam('manager', { pulledVersion: 1 });
    fakeBackground();
  });

  async function showView() {
    await act(() => render(<RefusedView />, root()));
    await settle();
  }

  it('lists what was tried, when and why, the latest first, and marks every refusal seen', async () => {
    await addRefusedChange({ refusedAt: T0 + 60_000 });
    await addRefusedChange({
      name: 'client.update',
      args: { orgId: 'ORG-BIRC0001', details: {} },
      orgId: 'ORG-BIRC0001',
      clientName: 'Birch Books',
      refusedAt: T0 + 120_000,
      code: 'validation',
      key: 'error_validation',
      params: { count: 2 },
      problems: [
        { field: 'name', labelKey: 'field_client_name', key: 'error_required', params: {} },
        { field: 'contact.email', labelKey: 'field_client_contact_email', key: 'error_emailInvalid', params: {} },
      ],
    });
    await showView();
    expect(texts('refused-tried')).toEqual([
      "Change Birch Books's contact details",
      "Change Acme Outdoor's quota to 45",
    ]);
    const rows = [...root().querySelectorAll('tbody tr')];
    expect(rows[0]?.querySelector('time')?.textContent).toBe(formatDateTime(T0 + 120_000));
    const reasons = rows.map((row) => row.querySelector('[data-testid="refused-reason"]'));
    expect([...(reasons[0]?.querySelectorAll('li') ?? [])].map((item) => item.textContent)).toEqual([
      'Client name is required.',
      'Contact email must be an email address, such as name@example.com.',
    ]);
    expect(reasons[1]?.textContent).toBe('This needs 80 more licenses, but only 60 are free in the pool.');
    await waitFor(async () => (await listUnseenRefusedChanges()).length === 0, 'the refusals marked seen');
  });

  it('takes one refusal off with Dismiss, then all with Dismiss all', async () => {
    await addRefusedChange({ refusedAt: T0 + 1 });
    await addRefusedChange({ refusedAt: T0 + 2, name: 'client.delete', args: {}, clientName: 'Birch Books' });
    await addRefusedChange({ refusedAt: T0 + 3, name: 'settings.update', args: { patch: {} }, clientName: undefined });
    await showView();
    expect(texts('refused-tried')).toEqual([
      "Change the agency's settings",
      'Delete Birch Books',
      "Change Acme Outdoor's quota to 45",
    ]);

    const dismissOfBirch = root().querySelectorAll<HTMLButtonElement>('tbody button')[1]!;
    expect(root().querySelector(`#${dismissOfBirch.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Delete Birch Books',
    );
    await act(() => dismissOfBirch.click());
    await settle();
    expect(texts('refused-tried')).toEqual(["Change the agency's settings", "Change Acme Outdoor's quota to 45"]);
    expect(texts('refused-view-notice')).toEqual(['The refused change was taken off the list.']);

    await press(root(), 'Dismiss all');
    await settle();
    expect(await db.refusedChanges.count()).toBe(0);
    expect(texts('refused-empty')).toEqual(['No change made here was refused.']);
  });
});
