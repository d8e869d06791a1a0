import { randomInt } from 'node:crypto';

// No 0/O, 1/l/I: the organiser reads it out or copies it by hand to the delegate.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password shown once to whoever made or reset the account (12 characters, ~70 bits). */
export function oneTimePassword(length = 12): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
