import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomFillSync, type KeyObject } from 'node:crypto';

// A secret ballot waits for the count sealed: AES-256-GCM under a key derived per poll from a ballot
// seal key, which only the meeting service and the worker hold (never PostgreSQL, never Redis). The
// poll's id is the associated data, so a sealed ballot cannot be moved to another poll.
//
// Keys rotate (docs/security.md, "Rotating the seal key"): the meeting service seals with its current
// key, the worker opens with every key it holds. A sealed ballot does not say which key sealed it — that
// would tell which ballots were cast before and after a rotation — so opening tries each key in turn:
// GCM's tag refuses a wrong key (a false match has probability 2^-128).

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A ballot seal key and the name it goes by in configuration and logs (BALLOT_SEAL_KEY_ID). */
export interface BallotSealKey {
  id: string;
  secret: string;
}

// Kept as key objects: a cipher made from a raw key buffer costs several times the sealing itself.
const derived = new Map<string, KeyObject>();

function pollKey(secret: string, pollId: string): KeyObject {
  const cacheKey = `${pollId}\n${secret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    if (derived.size >= 1000) derived.clear();
    key = createSecretKey(Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('hoinghi-ballot-seal-v1'), Buffer.from(pollId), 32)));
    derived.set(cacheKey, key);
  }
  return key;
}

// IVs drawn from the system's CSPRNG a few thousand at a time (as crypto.randomUUID does), each used once:
// one call per ballot cost as much as the encryption.
const ivPool = Buffer.alloc(IV_BYTES * 4096);
let ivNext = ivPool.length;

function freshIv(): Buffer {
  if (ivNext + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivNext = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivNext, ivNext + IV_BYTES)); // a copy: the pool is refilled later
  ivNext += IV_BYTES;
  return iv;
}

/** iv ‖ tag ‖ ciphertext of `code` (a ballot code: the same length for every ballot of a poll), under `key`. */
export function sealBallot(key: BallotSealKey, pollId: string, code: string): Buffer {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', pollKey(key.secret, pollId), iv);
  cipher.setAAD(Buffer.from(pollId));
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The code sealed for this poll by one of `keys` (tried in order) and that key's id; null when none opens it. */
export function unsealBallot(keys: readonly BallotSealKey[], pollId: string, sealed: Buffer): { code: string; keyId: string } | null {
  for (const key of keys) {
    const code = openWith(key.secret, pollId, sealed);
    if (code !== null) return { code, keyId: key.id };
  }
  return null;
}

function openWith(secret: string, pollId: string, sealed: Buffer): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', pollKey(secret, pollId), sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(pollId));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null; // another key, another poll, or tampered with
  }
}
