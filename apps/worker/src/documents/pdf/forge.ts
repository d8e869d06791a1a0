// The little of node-forge the worker uses (it ships no types): PKCS#12 files and CMS (PKCS#7) signatures.

export interface ForgeRsaNumber { compareTo(other: ForgeRsaNumber): number }
export interface ForgeAttribute { valueTagClass: number; value: string }
export interface ForgeCertificate {
  subject: { getField(name: string): { value: string } | null; attributes: ForgeAttribute[] };
  issuer: { attributes: ForgeAttribute[] };
  validity: { notBefore: Date; notAfter: Date };
  publicKey: { n: ForgeRsaNumber };
}
export interface ForgeBag { cert?: ForgeCertificate; key?: { n: ForgeRsaNumber } }
export interface ForgeSignedData {
  content: unknown;
  addCertificate(certificate: ForgeCertificate): void;
  addSigner(signer: { key: unknown; certificate: ForgeCertificate; digestAlgorithm: string; authenticatedAttributes: Array<{ type: string; value?: unknown }> }): void;
  sign(options: { detached: boolean }): void;
  toAsn1(): unknown;
}

interface Forge {
  asn1: { fromDer(der: string): unknown; toDer(asn1: unknown): { getBytes(): string }; Type: { UTF8: number } };
  pkcs12: { pkcs12FromAsn1(asn1: unknown, strict: boolean, password: string): { getBags(filter: { bagType: string }): Record<string, ForgeBag[] | undefined> } };
  pkcs7: { createSignedData(): ForgeSignedData };
  pki: { oids: Record<string, string> };
  util: { createBuffer(bytes: string): unknown; decodeUtf8(bytes: string): string };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const forge = require('node-forge') as Forge;
