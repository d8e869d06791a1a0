import { createHash, sign, type KeyObject } from 'node:crypto';
import { element, issuerAndSerial, octets, oid, sequence, setOf, small, tagged, TAG } from './der';

// A detached CAdES signature (ETSI EN 319 122-1, CAdES-B-B) as PAdES baseline wants it in a PDF
// (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): a CMS SignedData over the signed byte ranges,
// SHA-256 with RSA, the signed attributes content type, message digest and ESS signing-certificate-v2
// (which binds the signer's certificate to the signature), and no signing time — PAdES puts the claimed
// time in the signature dictionary's /M. The certificate chain is included. With a timestamp, the
// RFC 3161 token over the signature value is an unsigned attribute (CAdES-B-T / PAdES-B-T).

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

export interface CadesSigner {
  key: KeyObject;
  /** The signer's certificate (DER). */
  certificate: Buffer;
  /** Every certificate to include (DER): the signer's and its chain. */
  chain: Buffer[];
}

/** The RFC 3161 token for a signature value (DER ContentInfo), or none. */
export type Timestamper = (signatureValue: Buffer) => Promise<Buffer>;

export const SHA256 = sequence(oid(OIDS.sha256)); // parameters absent (RFC 5754)
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
const attribute = (type: string, value: Buffer) => sequence(oid(type), setOf([value]));

/** ESS signing-certificate-v2 (RFC 5035): the certificate's SHA-256 (the default algorithm, so omitted) and its issuer and serial. */
function signingCertificateV2(certificate: Buffer): Buffer {
  const { issuer, serial } = issuerAndSerial(certificate);
  const issuerSerial = sequence(sequence(element(0xa4, issuer)), serial); // GeneralNames { directoryName [4] Name }
  return sequence(sequence(sequence(octets(sha256(certificate)), issuerSerial)));
}

/** The DER ContentInfo of a detached CAdES signature over `content` (what goes into the PDF's /Contents). */
export async function cadesDetached(content: Buffer, signer: CadesSigner, timestamp?: Timestamper): Promise<Buffer> {
  const signedAttributes = [
    attribute(OIDS.contentType, oid(OIDS.data)),
    attribute(OIDS.messageDigest, octets(sha256(content))),
    attribute(OIDS.signingCertificateV2, signingCertificateV2(signer.certificate)),
  ];
  // The signature covers the attributes as a DER SET OF; the SignerInfo carries the same bytes tagged [0].
  const signatureValue = sign('sha256', setOf(signedAttributes), signer.key);
  const unsignedAttributes = timestamp ? [setOf([attribute(OIDS.signatureTimeStampToken, await timestamp(signatureValue))], 0xa1)] : [];
  const { issuer, serial } = issuerAndSerial(signer.certificate);
  const signerInfo = sequence(
    small(1),
    sequence(issuer, serial),
    SHA256,
    setOf(signedAttributes, 0xa0),
    sequence(oid(OIDS.rsaEncryption), element(TAG.NULL)),
    octets(signatureValue),
    ...unsignedAttributes,
  );
  const signedData = sequence(
    small(1),
    setOf([SHA256]),
    sequence(oid(OIDS.data)), // detached: no content
    setOf(signer.chain, 0xa0),
    setOf([signerInfo]),
  );
  return sequence(oid(OIDS.signedData), tagged(0, signedData));
}
