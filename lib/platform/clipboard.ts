/**
 * Puts text on the clipboard. Extension pages may write to it on a click without any
 * permission; false when the browser refuses (no focus, policy), so the caller can say so.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
