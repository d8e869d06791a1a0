import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// A secret ballot waits for the count sealed: AES-256-GCM under a key derived per poll from
// BALLOT_SEAL_KEY, which only the meeting service and the worker hold (never PostgreSQL, never Redis).
// The poll's id is the associated data, so a sealed ballot cannot be moved to another poll.

const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

function pollKey(secret: string, pollId: string): Buffer {
  const cacheKey = `${pollId}\n${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    if (keys.size >= 1000) keys.clear();
    key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('hoinghi-ballot-seal-v1'), Buffer.from(pollId), 32));
    keys.set(cacheKey, key);
  }
  return key;
}

/** iv ‖ tag ‖ ciphertext of `code` (a ballot code: the same length for every ballot of a poll). */
export function sealBallot(secret: string, pollId: string, code: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', pollKey(secret, pollId), iv);
  cipher.setAAD(Buffer.from(pollId));
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The code sealed for this poll; throws when the seal was made for another poll, another key, or tampered with. */
export function unsealBallot(secret: string, pollId: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', pollKey(secret, pollId), sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(pollId));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
