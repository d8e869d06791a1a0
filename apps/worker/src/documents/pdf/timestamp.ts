import { createHash, randomBytes } from 'node:crypto';
import { SHA256 } from './cades';
import { children, type Der, element, octets, read, sequence, small, TAG } from './der';

const TIMEOUT_MS = 15_000;

/**
 * An RFC 3161 timestamp of a signature value from a time-stamping authority (TSA) over HTTP: the token
 * (a DER ContentInfo) to add as the signature's unsigned attribute. Refused, unreachable, or a token that
 * does not stamp this signature with our nonce: an error, so the document job fails and is retried
 * rather than silently published without the timestamp its settings ask for.
 */
export async function requestTimestamp(tsaUrl: string, signatureValue: Buffer): Promise<Buffer> {
  const imprint = createHash('sha256').update(signatureValue).digest();
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x7f) | 0x01; // a positive INTEGER in minimal form, encoded as these very bytes
  const request = sequence(small(1), sequence(SHA256, octets(imprint)), element(TAG.INTEGER, nonce), element(TAG.BOOLEAN, Buffer.from([0xff]))); // certReq: the TSA's certificate in the token
  let response: Response;
  try {
    response = await fetch(tsaUrl, {
      method: 'POST', body: new Uint8Array(request), headers: { 'content-type': 'application/timestamp-query' }, signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`timestamp authority ${tsaUrl} unreachable: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`timestamp authority ${tsaUrl} answered HTTP ${response.status}`);
  const answer = Buffer.from(await response.arrayBuffer());
  let status: number;
  let token: Der | undefined;
  let stamped: { imprint: Buffer; nonce: Buffer | null } | null = null;
  try {
    const [statusInfo, tokenInfo] = children(read(answer));
    const [code] = children(statusInfo);
    status = code.content.readUIntBE(0, code.content.length);
    token = tokenInfo;
    if (token) stamped = tstInfo(token.raw);
  } catch (error) {
    throw new Error(`timestamp authority ${tsaUrl} answered what is not an RFC 3161 response (${(error as Error).message})`);
  }
  // 0 granted, 1 granted with modifications; anything else is a refusal.
  if (status > 1 || !token || !stamped) throw new Error(`timestamp authority ${tsaUrl} refused the request (PKIStatus ${status})`);
  if (!stamped.imprint.equals(imprint) || !stamped.nonce?.equals(nonce)) {
    throw new Error(`timestamp authority ${tsaUrl} answered with a token for another request`);
  }
  return token.raw;
}

/** The message imprint and nonce a timestamp token says it stamped (its TSTInfo, RFC 3161 §2.4.2). */
function tstInfo(token: Buffer): { imprint: Buffer; nonce: Buffer | null } {
  const signedData = children(children(read(token))[1])[0];
  const encapsulated = children(signedData)[2]; // version, digestAlgorithms, encapContentInfo
  const info = children(read(children(children(encapsulated)[1])[0].content));
  // version, policy, messageImprint, serialNumber, genTime, then optional accuracy, ordering, nonce, …
  const nonce = info.slice(5).find((d) => d.tag === TAG.INTEGER) ?? null;
  return { imprint: children(info[2])[1].content, nonce: nonce?.content ?? null };
}
