// The little DER (X.690) a CAdES signature and an RFC 3161 timestamp need: writing elements, and reading
// the parts of a certificate or a reply by position. Certificates are never re-encoded: their issuer and
// serial are copied byte for byte (a Vietnamese name stays exactly as the issuing CA wrote it).

export const TAG = {
  BOOLEAN: 0x01, INTEGER: 0x02, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30, SET: 0x31,
} as const;

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const element = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
};

export const sequence = (...items: Buffer[]) => element(TAG.SEQUENCE, ...items);

/** A SET OF in DER order (its elements sorted by their encodings), e.g. signed attributes; `tag` for [0] IMPLICIT. */
export const setOf = (items: Buffer[], tag: number = TAG.SET) => element(tag, ...[...items].sort(Buffer.compare));

/** A context-specific constructed tag, [n]. */
export const tagged = (n: number, ...content: Buffer[]) => element(0xa0 | n, ...content);

export const octets = (bytes: Buffer) => element(TAG.OCTET_STRING, bytes);

/** A non-negative INTEGER from its big-endian bytes (a leading zero when the top bit is set). */
export const unsigned = (bytes: Buffer) => element(TAG.INTEGER, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);

export const small = (n: number) => unsigned(Buffer.from([n]));

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const base128 = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) base128.unshift(0x80 | (n % 128));
    bytes.push(...base128);
  }
  return element(TAG.OID, Buffer.from(bytes));
}

/** One element of a DER buffer: its tag, and where its encoding and its content are. */
export interface Der {
  tag: number;
  /** The whole element (tag, length, content). */
  raw: Buffer;
  content: Buffer;
}

export function read(buffer: Buffer, offset = 0): Der {
  if (offset + 2 > buffer.length) throw new Error('DER: truncated');
  const tag = buffer[offset];
  let length = buffer[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + buffer[start + i];
    start += count;
  }
  if (start + length > buffer.length) throw new Error('DER: truncated');
  return { tag, raw: buffer.subarray(offset, start + length), content: buffer.subarray(start, start + length) };
}

/** The elements inside a constructed one, in order. */
export function children(parent: Der): Der[] {
  const out: Der[] = [];
  for (let offset = 0; offset < parent.content.length; offset += out[out.length - 1].raw.length) out.push(read(parent.content, offset));
  return out;
}

/** A certificate's issuer name and serial number, as encoded in it (for IssuerAndSerialNumber and IssuerSerial). */
export function issuerAndSerial(certificate: Buffer): { issuer: Buffer; serial: Buffer } {
  const [tbs] = children(read(certificate));
  const fields = children(tbs);
  const at = fields[0].tag === 0xa0 ? 1 : 0; // [0] version, absent in v1 certificates
  return { serial: fields[at].raw, issuer: fields[at + 2].raw };
}
