/**
 * Reads a whole number as people write it in a cell or a box: full-width digits, thousands
 * separators and surrounding spaces are fine. Blank gives undefined; anything that is not a
 * number gives NaN, which the schemas report as "must be a whole number".
 */
export function countFromText(text: string): number | undefined {
  const cleaned = text.normalize('NFKC').trim().replace(/[,\s_]/g, '');
  if (cleaned === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}
