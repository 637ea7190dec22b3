import { looksLikeCardNumber } from './card-number';
import { isHttpUrl } from './http-url';
import { LIMITS } from './limits';
import type { MessageKey } from './messages';
import { z } from './zod';

/**
 * Refuses a full payment card number in any text field, typed or pasted: only a card's brand,
 * last four digits and expiry are ever kept.
 */
export function noCardNumber() {
  return z.refine<string>((value) => !looksLikeCardNumber(value), { error: 'error_cardNumberRefused' });
}

/** A NUL character, or half of a surrogate pair: text no JSON store (PostgreSQL's jsonb among them) can keep. */
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses text that cannot be stored and sent as it is (a NUL from a pasted binary, a broken emoji). */
export function storableText() {
  return z.refine<string>((value) => !UNSTORABLE.test(value), { error: 'error_textUnstorable' });
}

/**
 * Every string the model keeps from what people type, paste or import starts here: names,
 * notes, e-mail addresses, domains and URLs alike. Trimmed, at most `max` characters, never a
 * card number (checked before any other rule, so that a card number is what gets named).
 */
export function storedText(max: number) {
  return z.string().check(z.trim(), noCardNumber(), storableText(), z.maxLength(max));
}

/** Mandatory text: trimmed, at least one character, at most `max`, never a card number. */
export function requiredText(max: number) {
  return storedText(max).check(z.minLength(1));
}

/** Optional text: trimmed, never a card number; an empty string means "not given" and is stored as absent. */
export function optionalText(max: number) {
  // The outer optional makes the key optional in the input type too.
  return z.optional(
    z.pipe(
      storedText(max),
      z.transform((value: string) => (value === '' ? undefined : value)),
    ),
  );
}

/**
 * Optional text that must pass `check` when given (an address of some kind); an empty string
 * means "not given" and is stored as absent.
 */
export function optionalCheckedText(max: number, check: (value: string) => boolean, error: MessageKey) {
  return z.optional(
    z.pipe(
      storedText(max),
      z.pipe(
        z.transform((value: string) => (value === '' ? undefined : value)),
        z.optional(z.string().check(z.refine(check, { error }))),
      ),
    ),
  );
}

export const emailField = storedText(LIMITS.email).check(z.toLowerCase(), z.minLength(1), z.email());

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
    // What was typed is checked, not only the host name it becomes: digits of another script
    // turn into punycode letters there.
    storedText(LIMITS.url),
    z.pipe(
      z.transform((value: string) => {
        const host = normalizeDomain(value);
        return host === '' ? undefined : host;
      }),
      z.optional(z.string().check(noCardNumber(), z.regex(HOSTNAME, { error: 'error_domainInvalid' }))),
    ),
  ),
);

export const optionalHttpUrl = optionalCheckedText(LIMITS.url, isHttpUrl, 'error_urlNotHttp');
