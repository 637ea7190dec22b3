// The schemas are in client-schema.ts, so that what needs only these values (the popup) loads no zod.
import type {
  addressSchema,
  clientDetailsSchema,
  clientSchema,
  contactSchema,
  newClientSchema,
  revokeAccessSchema,
} from './client-schema';
import type { MessageKey } from './messages';
import type { z } from './zod';

/** Industries offered in the picker; anything else may be typed as free text. */
export const INDUSTRIES = [
  'advertising',
  'ecommerce',
  'education',
  'finance',
  'healthcare',
  'hospitality',
  'manufacturing',
  'media',
  'nonprofit',
  'public_sector',
  'real_estate',
  'retail',
  'software',
  'telecom',
  'travel',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export function isPresetIndustry(value: string): value is Industry {
  return (INDUSTRIES as readonly string[]).includes(value);
}

export type Address = z.infer<typeof addressSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type ClientDetails = z.infer<typeof clientDetailsSchema>;
export type ClientDetailsInput = z.input<typeof clientDetailsSchema>;
export type NewClientInput = z.input<typeof newClientSchema>;

export const CLIENT_STATUSES = ['active', 'paused', 'inactive'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** The word for each status, wherever a status is shown (badge, filter, switcher, bar). */
export const STATUS_LABEL_KEYS = {
  active: 'status_active',
  paused: 'status_paused',
  inactive: 'status_inactive',
} as const satisfies Record<ClientStatus, MessageKey>;

export type Client = z.infer<typeof clientSchema>;
export type RevokeAccessInput = z.input<typeof revokeAccessSchema>;
