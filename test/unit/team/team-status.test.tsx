import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { TeamStatusLine } from '../../../entrypoints/options/components/team/TeamStatusLine';
import { TeamFooterStatus } from '../../../entrypoints/popup/TeamFooterStatus';
import { db } from '../../../lib/db/database';
import { formatDateTime } from '../../../lib/i18n';
import { AppError } from '../../../lib/model/errors';
import { resetDb, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { fakeBackground, press, settle } from '../settings/settings-dom';
import { addRefusedChange, connectUiTeam, queueTestChanges } from './ui-team-fixture';

const root = renderRootPerTest();
const part = (testId: string) => root().querySelector(`[data-testid="${testId}"]`);

async function showHeader() {
  await act(() => render(<TeamStatusLine />, root()));
  await settle();
}

describe("the dashboard header's sync status", () => {
  let syncs: number;
  /** How the worker answers Sync now; a test may make it fail. */
  let syncAnswer: () => Promise<{ synced: boolean }>;
  beforeEach(async () => {
    await resetDb();
    syncs = 0;
    syncAnswer = async () => ({ synced: true });
    fakeBackground({
      'team/sync': () => {
        syncs += 1;
        return syncAnswer();
      },
    });
  });

  it('says nothing at all in single-browser use', async () => {
    await showHeader();
    expect(root().innerHTML).toBe('');
  });

  it('says when it last synced, and syncs now when asked', async () => {
    await connectUiTeam('manager', { pulledVersion: 12, syncedAt: T0 });
    await showHeader();
    expect(part('team-status')?.getAttribute('aria-label')).toBe('Team sync');
    expect(part('team-status-sync')?.textContent).toBe(`Synced ${formatDateTime(T0)}`);
    expect(part('team-status-waiting')).toBeNull();
    expect(part('team-status-refused')).toBeNull();
    await press(root(), 'Sync now');
    await settle();
    expect(syncs).toBe(1);
  });

  it('counts the changes waiting for the server', async () => {
    await connectUiTeam('manager', { pulledVersion: 12, syncedAt: T0 });
    await queueTestChanges(3);
    await showHeader();
    expect(part('team-status-waiting')?.textContent).toBe('Changes waiting: 3');
  });

  it('says since when the server could not be reached, instead of when it synced', async () => {
    await connectUiTeam('manager', { pulledVersion: 12, syncedAt: T0, offlineSince: T0 + 3_600_000 });
    await queueTestChanges(1);
    await showHeader();
    expect(part('team-status-sync')?.textContent).toBe(`Offline since ${formatDateTime(T0 + 3_600_000)}`);
    expect(part('team-status-waiting')?.textContent).toBe('Changes waiting: 1');
  });

  it('links the refused changes to their list', async () => {
    await connectUiTeam('manager', { pulledVersion: 12 });
    await addRefusedChange();
    await addRefusedChange({ seen: 1 });
    await showHeader();
    expect(part('team-status-sync')?.textContent).toBe('Not synced yet');
    const link = part('team-status-refused');
    expect(link?.textContent).toBe('Refused: 2');
    expect(link?.getAttribute('href')).toBe('#/refused');
  });

  it('follows the database: a connection made later shows, a disconnection hides it', async () => {
    await showHeader();
    await connectUiTeam('manager', { pulledVersion: 1, syncedAt: T0 });
    await settle();
    expect(part('team-status')).not.toBeNull();
    await db.meta.delete('team');
    await settle();
    expect(root().innerHTML).toBe('');
  });

  it("shows why Sync now failed, in the person's language", async () => {
    syncAnswer = () => Promise.reject(new AppError('rule', 'sync_error_rateLimited', { seconds: 30 }));
    await connectUiTeam('manager', { pulledVersion: 1, syncedAt: T0 });
    await showHeader();
    await press(root(), 'Sync now');
    await settle();
    expect(root().querySelector('[role="alert"]')?.textContent).toBe(
      'Too many requests with this token. Try again in 30 seconds.',
    );
  });
});

describe("the popup footer's sync status", () => {
  beforeEach(resetDb);

  async function showFooter() {
    await act(() => render(<TeamFooterStatus />, root()));
    await settle();
  }

  it('says nothing in single-browser use', async () => {
    await showFooter();
    expect(root().innerHTML).toBe('');
  });

  it('says offline since when, what waits and what was refused, compactly', async () => {
    await connectUiTeam('viewer', { pulledVersion: 3, offlineSince: T0 });
    await queueTestChanges(2);
    await addRefusedChange();
    await showFooter();
    const line = part('popup-team-status');
    expect([...(line?.children ?? [])].map((element) => element.textContent)).toEqual([
      `Offline since ${formatDateTime(T0)}`,
      'Changes waiting: 2',
      'Refused: 1',
    ]);
    expect(line?.querySelector('button')?.textContent).toBe('Refused: 1');
  });
});
