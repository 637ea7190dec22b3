/**
 * Ids a browser makes up for a shared roster: change ids, its device id, and the keys of the
 * experiments and org members it creates (offline included). 128 random bits, base64url, so
 * that no two browsers ever make the same one; the form syncIdSchema accepts.
 */
export function newSyncId(prefix: 'c' | 'd' | 'x' | 'm'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `${prefix}-${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}
