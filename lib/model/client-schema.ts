import { CLIENT_STATUSES } from './client';
import { emailField, licenseCount, optionalDomain, optionalHttpUrl, optionalText, requiredText } from './fields';
import { orgIdSchema } from './ids-schema';
import { LIMITS } from './limits';
import { paymentCardSchema, subscriptionSchema } from './subscription';
import { z } from './zod';

export const addressSchema = z.object({
  street: optionalText(LIMITS.street),
  city: optionalText(LIMITS.city),
  region: optionalText(LIMITS.region),
  postalCode: optionalText(LIMITS.postalCode),
  country: optionalText(LIMITS.country),
});

export const contactSchema = z.object({
  firstName: requiredText(LIMITS.personName),
  lastName: requiredText(LIMITS.personName),
  email: emailField,
});

/** What a person enters about a client; the same shape serves create, edit and import. */
export const clientDetailsSchema = z.object({
  name: requiredText(LIMITS.name),
  contact: contactSchema,
  company: optionalText(LIMITS.company),
  /** A preset id from INDUSTRIES, or free text. */
  industry: optionalText(LIMITS.industry),
  address: z.optional(addressSchema),
  domain: optionalDomain,
  /** The client's own workspace address, used instead of the agency's template when set. */
  workspaceUrl: optionalHttpUrl,
});

export const newClientSchema = z.extend(clientDetailsSchema, {
  /** Visitor licenses given from the pool; a client needs at least one. */
  quota: licenseCount(1),
});

export const clientSchema = z.extend(clientDetailsSchema, {
  orgId: orgIdSchema,
  status: z.enum(CLIENT_STATUSES),
  /**
   * Licenses this client holds from the pool. An inactive client holds only what it has
   * already used this period; the rest went back to the pool.
   */
  quota: licenseCount(0),
  /** Visitors counted in the current billing period. */
  usedVisitors: licenseCount(0),
  /**
   * First day (YYYY-MM-DD) of the billing period that `usedVisitors` counts; set on every
   * write. A later period resets the usage (lib/rules/billing-rollover.ts).
   */
  usagePeriod: z.optional(z.string()),
  /** The quota before the client went inactive: what reactivation offers back. */
  quotaBeforeInactive: z.optional(licenseCount(0)),
  /** Epoch ms when the client went inactive. */
  inactiveSince: z.optional(z.number()),
  /** Calendar date (YYYY-MM-DD, agency time zone) on which an inactive client is purged. */
  purgeOn: z.optional(z.string()),
  /** Epoch ms when the client's workspace was last opened from the extension (switcher order). */
  lastOpenedAt: z.optional(z.number()),
  /**
   * Epoch ms when the client revoked the agency's access to its organization; absent while the
   * agency has access. A revoked client is read-only and its workspace cannot be opened.
   */
  revokedAt: z.optional(z.number()),
  /** What the agency noted about the revocation. */
  revokeNote: optionalText(LIMITS.note),
  /** The client's plan, bought and changed by the agency only. */
  subscription: z.optional(subscriptionSchema),
  /** The card that pays for the plan: brand, last four digits and expiry only. */
  payment: z.optional(paymentCardSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** What the agency records when a client revokes its access. */
export const revokeAccessSchema = z.object({
  note: optionalText(LIMITS.note),
});
