/**
 * Full payment card numbers must never be stored: only the brand, the last four digits and the
 * expiry are. This tells whether a text holds one, so that every text field can refuse it.
 * It lives in the model (not lib/rules) because the model's text fields use it.
 */

/** Digit groups joined by single spaces or dashes, as people type and paste card numbers. */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/** The Luhn checksum that every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Whether `text` holds something that reads as a full card number: 13 to 19 digits, written
 * together or in groups separated by spaces or dashes, that pass the Luhn check. Full-width
 * digits count (NFKC). Groups are tried whole, so "4111 1111 1111 1111 12/27" (a number with
 * its expiry after it) is caught, while a long unbroken reference number is not cut into pieces.
 */
export function looksLikeCardNumber(text: string): boolean {
  const folded = text.normalize('NFKC');
  for (const run of folded.matchAll(DIGIT_RUN)) {
    const groups = run[0].split(/[ -]/);
    for (let start = 0; start < groups.length; start += 1) {
      let digits = '';
      for (let end = start; end < groups.length; end += 1) {
        digits += groups[end];
        if (digits.length > MAX_DIGITS) break;
        if (digits.length >= MIN_DIGITS && passesLuhn(digits)) return true;
      }
    }
  }
  return false;
}
