import { isSecureOrLoopbackUrl } from './http-url';

/**
 * The sync server's address as a person types it (docs/SYNC.md, "Behind a TLS proxy"): https,
 * or plain http only on this computer's loopback (a server run with `npm run server:dev`), so
 * that the member's token never crosses a network in clear text. Trimmed, without the trailing
 * slash, query or fragment: the routes (/v1/…) are added to it.
 */
export function normalizeTeamServerUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!isSecureOrLoopbackUrl(trimmed, ['127.0.0.1', 'localhost', '[::1]'])) return undefined;
  const url = new URL(trimmed);
  if (url.search !== '' || url.hash !== '') return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * A member's token as the server prints it (`adt_` and base64url), or any token without spaces
 * or control characters: it goes into an HTTP header as it is.
 */
export function isTeamTokenText(value: string): boolean {
  return /^[\x21-\x7e]{8,512}$/.test(value);
}
