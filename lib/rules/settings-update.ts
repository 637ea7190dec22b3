/** A change of the agency's settings: what it becomes and what the history says of it. */
import type { ActivityEntry } from '../model/activity';
import type { Settings, SettingsInput } from '../model/settings';
import { settingsSchema } from '../model/settings-schema';
import { parseOrThrow } from '../model/validate';

/** The current settings with `patch` applied, checked whole: a refusal names each field as the form does. */
export function patchSettings(current: Settings, patch: Partial<SettingsInput>): Settings {
  return parseOrThrow(settingsSchema, { ...current, ...patch }, 'settings');
}

/**
 * The history lines a settings change writes: a pool change on its own (the ledger reads it
 * back), then the names of the other settings that changed. None when nothing changed.
 */
export function settingsChangeEntries(current: Settings, next: Settings): Omit<ActivityEntry, 'id' | 'at' | 'actor'>[] {
  const entries: Omit<ActivityEntry, 'id' | 'at' | 'actor'>[] = [];
  if (next.poolSize !== current.poolSize)
    entries.push({
      action: 'pool_changed',
      poolSize: next.poolSize,
      details: { poolBefore: current.poolSize, poolAfter: next.poolSize },
    });
  const changed = (Object.keys(next) as (keyof Settings)[]).filter(
    (key) => key !== 'poolSize' && JSON.stringify(next[key]) !== JSON.stringify(current[key]),
  );
  if (changed.length > 0) entries.push({ action: 'settings_changed', details: { fields: changed.join(',') } });
  return entries;
}
