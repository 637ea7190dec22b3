/** True for absolute http: and https: URLs, the only kinds the extension ever opens. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * An address the extension itself sends to (the reminder webhook, the usage source): https
 * anywhere, or plain http only on one of `loopbackHosts`, for a relay on the agency's own
 * computer (loopback traffic never leaves the machine). Never a user name or password in it:
 * a secret goes in its own field, not in an address that shows on screen and in logs.
 */
export function isSecureOrLoopbackUrl(value: string, loopbackHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && loopbackHosts.includes(url.hostname);
}
