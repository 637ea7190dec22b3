import { beforeEach, describe, expect, it } from 'vitest';
import { purgeCountdown } from '../../../entrypoints/options/components/lifecycle/countdown';
import { rowActionsFor } from '../../../entrypoints/options/components/lifecycle/row-actions';
import { setLanguage } from '../../../lib/i18n';
import { T0 } from '../ops/helpers';

const settings = { workspaceUrlTemplate: 'https://app.example.com/orgs/{orgId}', timeZone: 'UTC' };
const base = { orgId: 'ORG-7K2M9QXD', workspaceUrl: undefined, purgeOn: undefined };
const actions = (items: ReturnType<typeof rowActionsFor>) => items.map((item) => item.action);

beforeEach(() => {
  setLanguage('en');
});

describe('the row menu of a client', () => {
  it('offers Mark as Inactive to active and paused clients, never Reactivate', () => {
    for (const status of ['active', 'paused'] as const) {
      expect(actions(rowActionsFor({ ...base, status }, settings, T0))).toEqual([
        'edit',
        'open',
        'inactivate',
        'delete',
      ]);
    }
  });

  it('offers Reactivate to an inactive client before its purge date, and not on that day', () => {
    const client = { ...base, status: 'inactive' as const, purgeOn: '2026-04-15' };
    expect(actions(rowActionsFor(client, settings, T0))).toEqual(['edit', 'open', 'reactivate', 'delete']);
    expect(actions(rowActionsFor(client, settings, Date.UTC(2026, 3, 15, 1)))).toEqual(['edit', 'open', 'delete']);
  });

  it('disables Open in new tab with the reason when there is no http(s) address', () => {
    const noTemplate = rowActionsFor(
      { ...base, status: 'active' },
      { timeZone: 'UTC', workspaceUrlTemplate: undefined },
      T0,
    );
    expect(noTemplate.find((item) => item.action === 'open')?.disabledReason).toMatch(/no workspace address yet/);
    const own = rowActionsFor(
      { ...base, status: 'active', workspaceUrl: 'https://own.example.com/' },
      { timeZone: 'UTC', workspaceUrlTemplate: undefined },
      T0,
    );
    expect(own.find((item) => item.action === 'open')?.disabledReason).toBeUndefined();
  });

  it('offers a revoked client only View, Open in new tab disabled with the reason, and restoring access', () => {
    for (const status of ['active', 'paused', 'inactive'] as const) {
      const items = rowActionsFor({ ...base, status, purgeOn: '2026-04-15', revokedAt: T0 }, settings, T0);
      expect(actions(items)).toEqual(['edit', 'open', 'restore']);
      expect(items.map((item) => item.label)).toEqual([
        'View',
        'Open in new tab',
        'Record that access was granted again',
      ]);
      expect(items.find((item) => item.action === 'open')?.disabledReason).toBe(
        "This client revoked your access, so its workspace can't be opened from the extension.",
      );
    }
  });
});

describe('the purge countdown', () => {
  it('counts calendar days in the agency time zone, in whole sentences for today and tomorrow', () => {
    expect(purgeCountdown('2026-01-15', T0, 'UTC')).toBe('Deleted today');
    expect(purgeCountdown('2026-01-16', T0, 'UTC')).toBe('1 day left');
    expect(purgeCountdown('2026-03-01', T0, 'UTC')).toBe('45 days left');
    // 12:00 UTC on 15 Jan is already 02:00 on 16 Jan on Kiritimati (UTC+14).
    expect(purgeCountdown('2026-01-16', T0, 'Pacific/Kiritimati')).toBe('Deleted today');
  });

  it('speaks Japanese', () => {
    setLanguage('ja');
    expect(purgeCountdown('2026-03-01', T0, 'UTC')).toBe('残り45日');
    expect(purgeCountdown('2026-01-15', T0, 'UTC')).toBe('本日削除');
  });
});
