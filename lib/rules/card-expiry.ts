import type { IsoDate } from './calendar';

/**
 * Whether a card's expiry (MM/YY, as printed on it) is past on `today`: a card is good
 * through the last day of its expiry month.
 */
export function isCardExpired(expiry: string, today: IsoDate): boolean {
  const [month, year] = expiry.split('/').map(Number);
  const [todayYear, todayMonth] = today.split('-').map(Number);
  const expiresAt = (2000 + (year ?? 0)) * 12 + (month ?? 0);
  return expiresAt < (todayYear ?? 0) * 12 + (todayMonth ?? 0);
}
