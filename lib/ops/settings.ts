import { db } from '../db/database';
import { AppError } from '../model/errors';
import type { Settings, SettingsInput } from '../model/settings';
import type { ChangeArgsInput } from '../model/sync-schema';
import { checkPoolSize } from '../rules/quota';
import { patchSettings, settingsChangeEntries } from '../rules/settings-update';
import { type OpContext, type ResolvedContext, resolve, writeTransaction } from './context';
import { loadAllocated, loadSettings, log } from './store';
import { queueChange, requireTeamChange } from './team-outbox';

type SharedPatch = ChangeArgsInput<'settings.update'>['patch'];

/**
 * Applies `patch` to the agency settings inside the caller's transaction, without queueing a
 * change: an import that restores a backup's settings sends them in its own (roster.import).
 */
export async function applySettingsPatch(patch: Partial<SettingsInput>, ctx: ResolvedContext): Promise<Settings> {
  const current = await loadSettings();
  const next = patchSettings(current, patch);
  const allocated = await loadAllocated();
  const poolCheck = checkPoolSize(next.poolSize, allocated);
  if (!poolCheck.ok) throw new AppError('rule', poolCheck.key, poolCheck.params);
  await db.meta.put({ key: 'settings', value: next });
  for (const entry of settingsChangeEntries(current, next)) await log(ctx, entry);
  return next;
}

/**
 * What a settings change tells the server: the settings the patch names, as they were stored
 * (trimmed, sorted, defaults filled), an optional text cleared as its form clears it (empty
 * text: absent, JSON would drop it and the server would keep the old value). The usage source
 * stays in this browser with its token, and is never part of it.
 */
function sharedPatch(patch: Partial<SettingsInput>, next: Settings): SharedPatch {
  const shared: Record<string, unknown> = {};
  for (const key of Object.keys(patch) as (keyof Settings)[]) {
    if (key === 'usageSource') continue;
    shared[key] = next[key] ?? '';
  }
  return shared;
}

/**
 * Replaces the agency settings with `patch` applied. The pool may not shrink below what
 * clients already hold; a pool change is written to the ledger. On a shared roster they are
 * the owner's to change, but for the usage source, which is this browser's own.
 */
export async function updateSettings(patch: Partial<SettingsInput>, context?: OpContext): Promise<Settings> {
  const ctx = resolve(context);
  return writeTransaction(
    async () => {
      const shares = Object.keys(patch).some((key) => key !== 'usageSource');
      if (shares) await requireTeamChange('settings.update');
      const next = await applySettingsPatch(patch, ctx);
      if (shares) await queueChange('settings.update', { patch: sharedPatch(patch, next) }, {}, ctx.now);
      return next;
    },
    () => [],
  );
}
