import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf, { Signer } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import type { SigningCertificate } from '../../config/signing-certificate';
import { cadesDetached } from './cades';
import { requestTimestamp } from './timestamp';

/** Room for the CMS signature (the certificate chain included; a real body's chain fits), and for a timestamp token besides. */
const SIGNATURE_BYTES = 16_384;
const TIMESTAMP_BYTES = 16_384;

/** The detached CAdES signature of the byte ranges @signpdf hands over (PAdES baseline, see cades.ts). */
class CadesSigner extends Signer {
  constructor(private readonly signing: SigningCertificate) {
    super();
  }

  override sign(signedBytes: Buffer): Promise<Buffer> {
    const { key, certificate, chain, timestampUrl } = this.signing;
    return cadesDetached(signedBytes, { key, certificate, chain }, timestampUrl ? (value) => requestTimestamp(timestampUrl, value) : undefined);
  }
}

/**
 * Signs a PDF with the issuing body's certificate, PAdES baseline (SubFilter ETSI.CAdES.detached): a
 * signature field whose byte range covers the whole file, the claimed signing time in its /M, which
 * poppler's pdfsig and Acrobat verify. B-B, or B-T when a time-stamping authority is configured.
 */
export async function signPdf(pdf: Buffer, certificate: SigningCertificate, what: { reason: string; location: string; contactInfo: string; signingTime: Date }): Promise<Buffer> {
  const document = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({
    pdfDoc: document, reason: what.reason, location: what.location, contactInfo: what.contactInfo, name: certificate.commonName,
    signingTime: what.signingTime, signatureLength: SIGNATURE_BYTES + (certificate.timestampUrl ? TIMESTAMP_BYTES : 0), appName: 'hoinghi',
    subFilter: 'ETSI.CAdES.detached',
  });
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  return signpdf.sign(prepared, new CadesSigner(certificate));
}
