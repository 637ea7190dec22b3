/**
 * The one check for a calendar date written YYYY-MM-DD: the model's schemas refine with it,
 * and lib/rules/calendar.ts passes it on. It has no zod, so that the rules (which the popup
 * loads) can import it without bringing zod along.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (no 31 April). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return date.getUTCFullYear() === year && date.getUTCMonth() + 1 === month && date.getUTCDate() === day;
}
