import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { envUrl, type Env } from '@hoinghi/server-kit';
import { forge, type ForgeBag, type ForgeCertificate } from '../documents/pdf/forge';

/** The issuing body's certificate and key (PKCS#12) the worker signs PDFs with (PAdES), and where it gets timestamps. */
export interface SigningCertificate {
  /** Where it was read from (for messages). */
  path: string;
  /** The private key (RSA) and the certificate that matches it (DER), and every certificate in the file (its chain, DER). */
  key: KeyObject;
  certificate: Buffer;
  chain: Buffer[];
  /** The certificate's common name (CN): who the signature says signed. */
  commonName: string;
  notAfter: Date;
  /** An RFC 3161 time-stamping authority (`DOCUMENT_SIGNING_TSA_URL`); null: signatures carry no timestamp (PAdES B-B). */
  timestampUrl: string | null;
}

/**
 * `DOCUMENT_SIGNING_P12` (a PKCS#12 file) and `DOCUMENT_SIGNING_PASSPHRASE`: both unset, PDFs are not
 * signed; otherwise the file must open with the passphrase, hold one key and its certificate, and the
 * certificate must be valid now — else the worker stops at start-up saying which. `DOCUMENT_SIGNING_TSA_URL`
 * (optional, http or https) adds a timestamp to each signature.
 */
export function loadSigningCertificate(env: Env, now = new Date()): SigningCertificate | null {
  const path = env.DOCUMENT_SIGNING_P12 ?? '';
  const passphrase = env.DOCUMENT_SIGNING_PASSPHRASE;
  if (!path) {
    if (passphrase) throw new Error('DOCUMENT_SIGNING_PASSPHRASE is set but DOCUMENT_SIGNING_P12 (the PKCS#12 file of the issuing body\'s certificate) is not');
    if (env.DOCUMENT_SIGNING_TSA_URL) throw new Error('DOCUMENT_SIGNING_TSA_URL is set but DOCUMENT_SIGNING_P12 is not: there is no signature to timestamp');
    return null;
  }
  const timestampUrl = env.DOCUMENT_SIGNING_TSA_URL ? envUrl(env, 'DOCUMENT_SIGNING_TSA_URL', '', ['http:', 'https:']) : null;
  if (passphrase && /[^\x20-\x7e]/.test(passphrase)) {
    throw new Error('DOCUMENT_SIGNING_PASSPHRASE must be ASCII (node-forge, which reads the PKCS#12 file, mis-encodes other characters); export the file again with an ASCII passphrase');
  }
  let p12: Buffer;
  try {
    p12 = readFileSync(path);
  } catch (error) {
    throw new Error(`DOCUMENT_SIGNING_P12: cannot read ${path} (${(error as Error).message})`);
  }
  let bags: (type: string) => ForgeBag[];
  try {
    const store = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase ?? '');
    bags = (type) => store.getBags({ bagType: forge.pki.oids[type] })[forge.pki.oids[type]] ?? [];
  } catch (error) {
    throw new Error(`DOCUMENT_SIGNING_P12: ${path} is not a PKCS#12 file that DOCUMENT_SIGNING_PASSPHRASE opens (${(error as Error).message})`);
  }
  const key = [...bags('pkcs8ShroudedKeyBag'), ...bags('keyBag')].find((b) => b.key)?.key;
  const chain = bags('certBag').flatMap((b) => (b.cert ? [b.cert] : []));
  const certificate = key && chain.find((c) => c.publicKey.n?.compareTo(key.n) === 0);
  if (!key || !certificate) throw new Error(`DOCUMENT_SIGNING_P12: ${path} must hold an RSA private key and its certificate`);
  const { notBefore, notAfter } = certificate.validity;
  if (now < notBefore || now > notAfter) {
    throw new Error(`DOCUMENT_SIGNING_P12: the certificate in ${path} is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()}, not now`);
  }
  const cn = certificate.subject.getField('CN')?.value;
  if (!cn) throw new Error(`DOCUMENT_SIGNING_P12: the certificate in ${path} has no common name (CN)`);
  const der = (c: ForgeCertificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  return {
    path, key: createPrivateKey(forge.pki.privateKeyToPem(key)), certificate: der(certificate), chain: chain.map(der),
    // forge gives the attribute's bytes as a binary string; CNs are UTF-8 (Vietnamese names).
    commonName: Buffer.from(cn, 'binary').toString('utf8'), notAfter, timestampUrl,
  };
}
