import { t } from '../../../../lib/i18n';
import type { MessageKey } from '../../../../lib/model/messages';
import { usageSourceSchema } from '../../../../lib/model/settings-schema';
import { isUsageFeedToken } from '../../../../lib/model/usage-feed';
import { DEFAULT_USAGE_SOURCE_INTERVAL, USAGE_SOURCE_INTERVALS } from '../../../../lib/model/usage-source';
import type { UsageSource, UsageSourceInput } from '../../../../lib/ops';
import type { FormChecks } from '../form';

/** The usage source form as typed. The token box is always empty at first: a saved token is never shown. */
export interface UsageSourceValues {
  url: string;
  token: string;
  /** Ticked to remove the saved token on Save. */
  removeToken: boolean;
  intervalMinutes: string;
  acceptCorrections: boolean;
}

export type UsageSourceField = keyof UsageSourceValues;

type Interval = (typeof USAGE_SOURCE_INTERVALS)[number];

const INTERVAL_LABELS: Record<Interval, MessageKey> = {
  15: 'settings_usageInterval15',
  30: 'settings_usageInterval30',
  60: 'settings_usageInterval60',
  120: 'settings_usageInterval120',
  240: 'settings_usageInterval240',
  360: 'settings_usageInterval360',
  720: 'settings_usageInterval720',
  1440: 'settings_usageInterval1440',
};

export const INTERVAL_CHOICES: readonly string[] = USAGE_SOURCE_INTERVALS.map(String);

/** The reading intervals offered, each named as a whole phrase ("Every 2 hours"), in the language of the moment. */
export function intervalOptions(): { value: string; label: string }[] {
  return USAGE_SOURCE_INTERVALS.map((minutes) => ({ value: String(minutes), label: t(INTERVAL_LABELS[minutes]) }));
}

export function sourceValuesFrom(source: UsageSource | undefined): UsageSourceValues {
  return {
    url: source?.url ?? '',
    token: '',
    removeToken: false,
    intervalMinutes: String(source?.intervalMinutes ?? DEFAULT_USAGE_SOURCE_INTERVAL),
    acceptCorrections: source?.acceptCorrections ?? false,
  };
}

/** The address's origin (scheme, host and port), or undefined while it is not an address. */
function originOf(url: string): string | undefined {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether saving would send the saved token to another site than the one it was given for: the
 * address moved to another origin and no new token was typed. The token is removed then rather
 * than handed to whoever serves the new address.
 */
export function tokenWouldMove(
  values: UsageSourceValues,
  saved: UsageSource | undefined,
  tokenSaved: boolean,
): boolean {
  if (!tokenSaved || saved === undefined || values.removeToken || values.token.trim() !== '') return false;
  const typed = originOf(values.url);
  return typed !== undefined && typed !== originOf(saved.url);
}

/** What Save hands to saveUsageSource: a token left empty keeps the saved one (undefined), '' removes it. */
export function sourceInputFrom(
  values: UsageSourceValues,
  saved: UsageSource | undefined,
  tokenSaved: boolean,
): UsageSourceInput {
  const typed = values.token.trim();
  let token: string | undefined;
  if (values.removeToken || tokenWouldMove(values, saved, tokenSaved)) token = '';
  else if (typed !== '') token = typed;
  return {
    url: values.url.trim(),
    intervalMinutes: Number(values.intervalMinutes),
    acceptCorrections: values.acceptCorrections,
    ...(token !== undefined ? { token } : {}),
  };
}

/** The schema on the source as it would be saved; the token, kept apart from it, checked as the operation checks it. */
export const usageSourceChecks: FormChecks<UsageSourceValues> = {
  scope: 'settings',
  schema: usageSourceSchema,
  toInput: (values) => ({
    url: values.url.trim(),
    intervalMinutes: Number(values.intervalMinutes),
    acceptCorrections: values.acceptCorrections,
  }),
  check: (values) => {
    const token = values.token.trim();
    return { token: token !== '' && !isUsageFeedToken(token) ? t('usageFeed_tokenInvalid') : undefined };
  },
};
