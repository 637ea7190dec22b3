/**
 * Reads a count of licenses as people type it: full-width digits, thousands separators and
 * surrounding spaces are fine. Blank gives undefined (the field is missing); anything that is
 * not a number gives NaN, which the schema reports as "must be a whole number".
 */
export function wholeNumberFromText(text: string): number | undefined {
  const cleaned = text.normalize('NFKC').trim().replace(/[,\s_]/g, '');
  if (cleaned === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}
