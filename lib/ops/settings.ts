import { db } from '../db/database';
import { AppError } from '../model/errors';
import type { Settings, SettingsInput } from '../model/settings';
import { checkPoolSize } from '../rules/quota';
import { patchSettings, settingsChangeEntries } from '../rules/settings-update';
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
      const next = patchSettings(current, patch);
      const allocated = await loadAllocated();
      const poolCheck = checkPoolSize(next.poolSize, allocated);
      if (!poolCheck.ok) throw new AppError('rule', poolCheck.key, poolCheck.params);
      await db.meta.put({ key: 'settings', value: next });
      for (const entry of settingsChangeEntries(current, next)) await log(ctx, entry);
      return next;
    },
    () => [],
  );
}
