import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ClientTable } from '../../../entrypoints/options/components/ClientTable';
import { setLanguage } from '../../../lib/i18n';
import { createClient, getSettings, listClientPage, markInactive, updateSettings } from '../../../lib/ops';
import { clientInput, DAY, resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { usageOnDays } from '../usage-trend';

const root = renderRootPerTest();

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC' }, { now: T0 });
});

async function showRoster(now: number) {
  const [page, settings] = await Promise.all([listClientPage({ sort: 'runsOut', now }), getSettings()]);
  await act(() =>
    render(
      <ClientTable
        clients={page.items}
        settings={settings}
        now={now}
        labelledBy="heading"
        onAction={() => undefined}
      />,
      root(),
    ),
  );
}

const header = () => [...root().querySelectorAll('thead th')].map((cell) => cell.textContent);
const runsOut = () =>
  Object.fromEntries(
    [...root().querySelectorAll('tbody tr')].map((row) => [
      row.querySelector('[data-testid="client-name"]')?.textContent,
      row.querySelector('[data-testid="client-runs-out"]')?.textContent,
    ]),
  );

describe('the Runs out column of Manage Clients', () => {
  it('shows the forecast day, or a dash that a screen reader hears as no forecast', async () => {
    const fast = await createClient(clientInput({ name: 'Zulu', quota: 1_000 }), { now: T0 });
    const gone = await createClient(clientInput({ name: 'Gone', quota: 1_000 }), { now: T0 });
    await createClient(clientInput({ name: 'Alpha', quota: 1_000 }), { now: T0 });
    await usageOnDays(fast.orgId, T0, [100, 200, 300]);
    await usageOnDays(gone.orgId, T0, [100, 200, 300]);
    await markInactive(gone.orgId, { now: T0 + 2 * DAY });

    await showRoster(T0 + 2 * DAY);
    expect(header()).toContain('Runs out');
    expect(runsOut()).toEqual({ Zulu: 'Jan 24, 2026', Alpha: '—No forecast', Gone: '—No forecast' });
    const [day, dash] = root().querySelectorAll('[data-testid="client-runs-out"]');
    expect(day?.querySelector('[aria-hidden="true"]')).toBeNull();
    expect(dash?.querySelector('[aria-hidden="true"]')?.textContent).toBe('—');
    expect(dash?.querySelector('.visually-hidden')?.textContent).toBe('No forecast');

    setLanguage('ja');
    await showRoster(T0 + 2 * DAY);
    expect(header()).toContain('上限到達予測');
    expect(runsOut()).toMatchObject({ Zulu: '2026/01/24', Alpha: '—予測なし' });
  });
});
