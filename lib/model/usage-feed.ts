// The usage source's types and plain checks, without zod (the schema is in usage-feed-schema.ts),
// so that a settings form or the popup can use them without loading zod. docs/USAGE-FEED.md
// describes the format for the people who serve one.
import { isSecureOrLoopbackUrl } from './http-url';
import type { MessageKey, MessageParams } from './messages';

/** One client's usage as a usage source reported it, checked and with its Org ID normalized. */
export interface UsageFeedRow {
  orgId: string;
  visitorsUsed: number;
  /** First day (YYYY-MM-DD) of the billing period the number is for; absent means the current period. */
  periodStart?: string;
  /** Where the row is, for messages: the CSV file line (a spreadsheet's row number), or the 1-based position in JSON's usage list. */
  line: number;
}

/** Why a usage source's answer was not used: a message key and its parameters. */
export interface FeedFailure {
  key: MessageKey;
  params: MessageParams;
}

export type UsageFeedParse =
  | {
      ok: true;
      format: 'json' | 'csv';
      /** When the source made the answer, as an ISO 8601 UTC time (toISOString); JSON only. */
      generatedAt?: string;
      rows: UsageFeedRow[];
    }
  | { ok: false; failure: FeedFailure };

/** How long one reading may take, from asking to the last byte of the answer. */
export const USAGE_FEED_TIMEOUT_MS = 30_000;

/**
 * Where usage may be read from: https anywhere, or plain http on 127.0.0.1 or localhost only.
 * No user name or password in the address: a token goes in the Authorization header instead.
 */
export function isUsageFeedUrl(value: string): boolean {
  return isSecureOrLoopbackUrl(value, ['127.0.0.1', 'localhost']);
}

/**
 * An access token that can be sent as `Authorization: Bearer <token>`: visible ASCII without
 * spaces (RFC 6750's token characters and more). Anything else could not be put in a header, or
 * means that more than the token was pasted.
 */
export function isUsageFeedToken(value: string): boolean {
  return /^[\x21-\x7E]{1,4096}$/.test(value);
}
