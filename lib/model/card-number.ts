/**
 * Full payment card numbers must never be stored: only the brand, the last four digits and the
 * expiry are. This tells whether a text holds one, so that every text field can refuse it.
 * It lives in the model (not lib/rules) because the model's text fields use it.
 */

/** A decimal digit of any script: ASCII, Arabic-Indic, Devanagari, Thai, full-width, … */
const DIGIT = String.raw`\p{Nd}`;
/**
 * What people put between the groups of a card number, typed or pasted: any white space
 * (line breaks too), dashes of every kind (and the minus sign), dots, slashes and underscores.
 * A run of them, such as " - " or two spaces, joins two groups like a single one does.
 */
const SEPARATOR = String.raw`[\s\p{Pd}\u2212._/]`;
const DIGIT_RUN = new RegExp(`${DIGIT}+(?:${SEPARATOR}+${DIGIT}+)*`, 'gu');
const GROUP = new RegExp(`${DIGIT}+`, 'gu');
const IS_DIGIT = new RegExp(`^${DIGIT}$`, 'u');
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/**
 * The value of a decimal digit of any script. Unicode encodes each script's digits as ten
 * consecutive code points, 0 to 9 (a stability guarantee), so a digit's value is its distance,
 * modulo ten, from the first digit of the unbroken stretch of digits it belongs to.
 */
function digitValue(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  let first = code;
  while (first > 0 && IS_DIGIT.test(String.fromCodePoint(first - 1))) first -= 1;
  return (code - first) % 10;
}

/** A group of digits of any script, as ASCII digits. */
function asciiDigits(group: string): string {
  let digits = '';
  for (const char of group) digits += char >= '0' && char <= '9' ? char : String(digitValue(char));
  return digits;
}

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
 * Whether `text` holds something that reads as a full card number: 13 to 19 decimal digits (of
 * any script; full-width and other compatibility forms are folded by NFKC), written together or
 * in groups with any run of separators between them (spaces, line breaks, dashes, dots,
 * slashes, underscores), that pass the Luhn check. Groups are tried whole, so
 * "4111 1111 1111 1111 12/27" (a number with its expiry after it) is caught, while a long
 * unbroken reference number is not cut into pieces.
 */
export function looksLikeCardNumber(text: string): boolean {
  const folded = text.normalize('NFKC');
  for (const run of folded.matchAll(DIGIT_RUN)) {
    const groups = Array.from(run[0].matchAll(GROUP), (group) => asciiDigits(group[0]));
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
