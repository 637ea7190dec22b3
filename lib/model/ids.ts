// The schema is in ids-schema.ts, so that what needs only these values (the popup) loads no zod.
import type { orgIdSchema } from './ids-schema';
import type { z } from './zod';

/** Crockford base32: no I, L, O or U, so an Org ID read aloud or retyped is unambiguous. */
export const ORG_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ORG_ID_PATTERN = /^ORG-[0-9A-HJKMNP-TV-Z]{8}$/;

export type OrgId = z.infer<typeof orgIdSchema>;

/** Accepts an Org ID as people type it: any case, surrounding spaces. */
export function normalizeOrgId(raw: string): string {
  return raw.trim().toUpperCase();
}
