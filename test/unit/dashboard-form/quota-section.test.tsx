import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuotaSection } from '../../../entrypoints/options/components/overview/QuotaSection';
import { setLanguage } from '../../../lib/i18n';
import type { Client } from '../../../lib/model/client';
import { createClient, getClient, listActivity, updateSettings } from '../../../lib/ops';
import { clientInput, DAY, resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { usageOnDays } from '../usage-trend';
import { waitFor } from '../wait-for';

const root = renderRootPerTest();

const visitorsBox = () => root().querySelector<HTMLInputElement>('#field-overview-visitors');
const reasonBox = () => root().querySelector<HTMLInputElement>('#field-overview-reason');
const text = (testId: string) => root().querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
const recordForm = () => root().querySelector<HTMLFormElement>('form.overview-record');

async function type(input: HTMLInputElement | null, value: string) {
  if (!input) throw new Error('no such box');
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function record() {
  await act(async () => {
    recordForm()!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

async function show(client: Client, readOnly = false) {
  await act(() => render(<QuotaSection client={client} free={1_000} readOnly={readOnly} />, root()));
  await waitFor(() => text('quota-forecast') !== null || text('usage-chart-empty') !== null, 'the usage overview');
}

async function stored(orgId: string): Promise<Client> {
  const client = await getClient(orgId);
  if (!client) throw new Error(`${orgId} is gone`);
  return client;
}

/** Acme Outdoor, 8,000 visitors, at 6,000, 6,200 and 6,400 on Jan 15-17 2026: it runs out on Jan 25. */
async function acme(): Promise<Client> {
  const { orgId } = await createClient(clientInput({ name: 'Acme Outdoor', quota: 8_000 }), { now: T0 });
  await usageOnDays(orgId, T0, [6_000, 6_200, 6_400]);
  return stored(orgId);
}

describe('Quota Usage', () => {
  beforeEach(async () => {
    await resetDb();
    await updateSettings({ poolSize: 100_000, timeZone: 'UTC' }, { now: T0 });
    // The form acts at the clock's time: the clock stands on the last sample's day. Only Date is
    // faked, so that IndexedDB's timers still run.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0 + 2 * DAY + 3_600_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says when the client reaches its quota at this rate, and draws the period', async () => {
    await show(await acme());
    expect(text('quota-forecast')).toBe('At this rate, Acme Outdoor reaches its quota on Jan 25, 2026.');
    expect(root().querySelectorAll('circle.usage-chart-point')).toHaveLength(3);
    expect(root().querySelectorAll('[data-testid="usage-chart-table"] tbody tr')).toHaveLength(3);
  });

  it('says in Japanese when the client reaches its quota', async () => {
    setLanguage('ja');
    await show(await acme());
    expect(text('quota-forecast')).toBe('このペースでは、Acme Outdoorは2026/01/25にクォータに達します。');
  });

  it('says why there is no forecast yet when usage came on too few days', async () => {
    const { orgId } = await createClient(clientInput({ name: 'Globex', quota: 8_000 }), { now: T0 });
    await usageOnDays(orgId, T0 + 2 * DAY, [100]);
    await show(await stored(orgId));
    expect(text('quota-forecast')).toBe(
      'Not enough usage yet for a forecast: it needs usage from at least 3 days of the last 7.',
    );
  });

  it('records a new number of visitors used, starting from the current one', async () => {
    const client = await acme();
    await show(client);
    expect(visitorsBox()?.value).toBe('6400');
    expect(reasonBox()).toBeNull();
    await type(visitorsBox(), '6,600');
    await record();
    await waitFor(() => text('record-outcome') !== null, 'the outcome');
    expect(text('record-outcome')).toBe('Visitors used set to 6,600.');
    expect((await stored(client.orgId)).usedVisitors).toBe(6_600);
  });

  it('asks why for a lower number, refuses without a reason, and keeps the reason in the history', async () => {
    const client = await acme();
    await show(client);
    await type(visitorsBox(), '6000');
    expect(reasonBox()).not.toBeNull();
    expect(root().textContent).toContain("Why is the number lower? It goes into the client's history.");
    expect(root().querySelector('label[for="field-overview-reason"]')?.textContent).toContain('Reason');

    await record();
    await waitFor(() => reasonBox()?.getAttribute('aria-invalid') === 'true', 'the refusal');
    expect(root().querySelector('#field-overview-reason-error')?.textContent).toBe(
      "Visitors used would go down from 6,400 to 6,000: say why, for the client's history.",
    );
    expect(document.activeElement).toBe(reasonBox());
    expect((await stored(client.orgId)).usedVisitors).toBe(6_400);

    await type(reasonBox(), 'The vendor recounted bot traffic');
    await record();
    await waitFor(() => text('record-outcome') !== null, 'the outcome');
    expect(text('record-outcome')).toBe('Visitors used set to 6,000.');
    expect((await stored(client.orgId)).usedVisitors).toBe(6_000);
    const [latest] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(latest?.details).toMatchObject({ before: 6_400, after: 6_000, reason: 'The vendor recounted bot traffic' });
  });

  it('says that reaching the quota paused the client with its running experiments', async () => {
    const client = await acme();
    await show(client);
    await type(visitorsBox(), '8000');
    await record();
    await waitFor(() => text('record-outcome') !== null, 'the outcome');
    expect(text('record-outcome')).toBe('Acme Outdoor reached its quota and is paused with its running experiments.');
    expect((await stored(client.orgId)).status).toBe('paused');
  });

  it('refuses what is not a whole number on the box itself', async () => {
    const client = await acme();
    await show(client);
    await type(visitorsBox(), '12.5');
    await record();
    await waitFor(() => visitorsBox()?.getAttribute('aria-invalid') === 'true', 'the refusal');
    expect(root().querySelector('#field-overview-visitors-error')?.textContent).toContain('whole number');
    expect(document.activeElement).toBe(visitorsBox());
    expect((await stored(client.orgId)).usedVisitors).toBe(6_400);
  });

  it('offers no form while read-only', async () => {
    await show(await acme(), true);
    expect(recordForm()).toBeNull();
    expect(text('quota-forecast')).not.toBeNull();
  });
});
