import { db } from '../db/database';
import { AppError } from '../model/errors';
import type { Settings, SettingsInput } from '../model/settings';
import { settingsSchema } from '../model/settings-schema';
import { parseOrThrow } from '../model/validate';
import { checkPoolSize } from '../rules/quota';
import { type OpContext, resolve, writeTransaction } from './context';
import { loadAllocated, loadSettings, log } from './store';

/**
 * Replaces the agency settings with `patch` applied. The pool may not shrink below what
 * clients already hold; a pool change is written to the ledger.
 */
export async function updateSettings(patch: Partial<SettingsInput>, context?: OpContext): Promise<Settings> {
  const ctx = resolve(context);
  return writeTransaction(
    async () => {
      const current = await loadSettings();
      const next = parseOrThrow(settingsSchema, { ...current, ...patch }, 'settings');
      const allocated = await loadAllocated();
      const poolCheck = checkPoolSize(next.poolSize, allocated);
      if (!poolCheck.ok) throw new AppError('rule', poolCheck.key, poolCheck.params);
      await db.meta.put({ key: 'settings', value: next });
      if (next.poolSize !== current.poolSize) {
        await log(ctx, {
          action: 'pool_changed',
          poolSize: next.poolSize,
          details: { poolBefore: current.poolSize, poolAfter: next.poolSize },
        });
      }
      const changed = (Object.keys(next) as (keyof Settings)[]).filter(
        (key) => key !== 'poolSize' && JSON.stringify(next[key]) !== JSON.stringify(current[key]),
      );
      if (changed.length > 0) await log(ctx, { action: 'settings_changed', details: { fields: changed.join(',') } });
      return next;
    },
    () => [],
  );
}
