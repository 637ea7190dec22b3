import { ORG_ID_ALPHABET } from '../model/ids';

/** Fills a byte array with random values; crypto.getRandomValues in production, seeded in tests. */
export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/** A candidate Org ID: ORG- and eight Crockford base32 characters (40 bits of randomness). */
export function generateOrgId(random: RandomBytes = cryptoRandomBytes): string {
  const bytes = random(8);
  let id = 'ORG-';
  for (const byte of bytes) id += ORG_ID_ALPHABET[byte % ORG_ID_ALPHABET.length];
  return id;
}
