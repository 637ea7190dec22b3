import { looksLikeCardNumber } from './card-number';
import { isHttpUrl } from './http-url';
import { LIMITS } from './limits';
import { z } from './zod';

/**
 * Refuses a full payment card number in any text field, typed or pasted: only a card's brand,
 * last four digits and expiry are ever kept.
 */
export function noCardNumber() {
  return z.refine<string>((value) => !looksLikeCardNumber(value), { error: 'error_cardNumberRefused' });
}

/** Mandatory text: trimmed, at least one character, at most `max`, never a card number. */
export function requiredText(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max), noCardNumber());
}

/** Optional text: trimmed, never a card number; an empty string means "not given" and is stored as absent. */
export function optionalText(max: number) {
  // The outer optional makes the key optional in the input type too.
  return z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(max), noCardNumber()),
      z.transform((value: string) => (value === '' ? undefined : value)),
    ),
  );
}

export const emailField = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.minLength(1),
  z.maxLength(LIMITS.email),
  noCardNumber(),
  z.email(),
);

/** A whole number of visitor licenses, at least `min`. */
export function licenseCount(min: number) {
  return z.int().check(z.gte(min), z.lte(LIMITS.licenses));
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * Turns what people paste as a domain ("https://Acme.com/", "www.acme.co.jp") into a bare
 * lowercase hostname; internationalised names become their ASCII (punycode) form.
 */
export function normalizeDomain(raw: string): string {
  const trimmed = raw.trim().toLowerCase();
  if (trimmed === '') return '';
  const withoutScheme = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const host = withoutScheme.split(/[/?#]/)[0] ?? '';
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return host;
  }
}

export const optionalDomain = z.optional(
  z.pipe(
    z.string().check(z.maxLength(LIMITS.url)),
    z.pipe(
      z.transform((value: string) => {
        const host = normalizeDomain(value);
        return host === '' ? undefined : host;
      }),
      z.optional(z.string().check(z.regex(HOSTNAME, { error: 'error_domainInvalid' }))),
    ),
  ),
);

export const optionalHttpUrl = z.optional(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(LIMITS.url)),
    z.pipe(
      z.transform((value: string) => (value === '' ? undefined : value)),
      z.optional(z.string().check(z.refine(isHttpUrl, { error: 'error_urlNotHttp' }))),
    ),
  ),
);
