/**
 * Reads a whole number as people write it in a box or a cell: full-width digits, thousands
 * separators and surrounding spaces are fine. Blank gives undefined (the value is missing);
 * anything that is not a number gives NaN, which the schemas report as "must be a whole number".
 * Every quota, pool and count box and the CSV import read numbers through this one function.
 */
export function wholeNumberFromText(text: string): number | undefined {
  const cleaned = text
    .normalize('NFKC')
    .trim()
    .replace(/[,\s_]/g, '');
  if (cleaned === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}
