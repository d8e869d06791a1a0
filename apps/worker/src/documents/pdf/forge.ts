// The little of node-forge the worker uses (it ships no types): opening PKCS#12 files. The signature
// itself is made with node:crypto (cades.ts).

export interface ForgeRsaNumber { compareTo(other: ForgeRsaNumber): number }
export interface ForgeCertificate {
  subject: { getField(name: string): { value: string } | null };
  validity: { notBefore: Date; notAfter: Date };
  publicKey: { n: ForgeRsaNumber };
}
export interface ForgeBag { cert?: ForgeCertificate; key?: { n: ForgeRsaNumber } }

interface Forge {
  asn1: { fromDer(der: string): unknown; toDer(asn1: unknown): { getBytes(): string } };
  pkcs12: { pkcs12FromAsn1(asn1: unknown, strict: boolean, password: string): { getBags(filter: { bagType: string }): Record<string, ForgeBag[] | undefined> } };
  pki: {
    oids: Record<string, string>;
    /** The certificate as read (forge keeps the original to-be-signed part, so its bytes come back unchanged). */
    certificateToAsn1(certificate: ForgeCertificate): unknown;
    privateKeyToPem(key: unknown): string;
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const forge = require('node-forge') as Forge;
