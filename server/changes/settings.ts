/** The agency's settings: lib/ops/settings.ts updateSettings on the server. */
import { AppError } from '../../lib/model/errors';
import type { ChangeArgs } from '../../lib/model/sync-schema';
import { checkPoolSize } from '../../lib/rules/quota';
import { patchSettings, settingsChangeEntries } from '../../lib/rules/settings-update';
import { log } from '../store/activity';
import { loadAllocated, saveSettings } from '../store/agency';
import type { ChangeContext } from './context';

/**
 * Applies a patch to the agency's settings (read with the agency's row lock, so they are the
 * latest). The usage source is not among them: it stays in each browser. The pool may not
 * shrink below what clients hold; the pool guard sees the new size too (saveSettings).
 */
export async function updateSettings(ctx: ChangeContext, { patch }: ChangeArgs<'settings.update'>) {
  const current = ctx.settings;
  const next = patchSettings(current, patch);
  const poolCheck = checkPoolSize(next.poolSize, await loadAllocated(ctx));
  if (!poolCheck.ok) throw new AppError('rule', poolCheck.key, poolCheck.params);
  await saveSettings(ctx, next);
  for (const entry of settingsChangeEntries(current, next)) await log(ctx, entry);
}
