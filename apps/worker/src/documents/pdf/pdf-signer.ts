import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf, { Signer } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import type { SigningCertificate } from '../../config/signing-certificate';
import { forge, type ForgeCertificate } from './forge';

/** Room for the CMS signature (the certificate chain included); a real body's chain fits. */
const SIGNATURE_BYTES = 16_384;

/**
 * A detached CMS (PKCS#7) signature, SHA-256, with the content type, signing time and message digest
 * signed, the certificate chain included: what Adobe's adbe.pkcs7.detached and poppler's pdfsig expect.
 */
class CertificateSigner extends Signer {
  constructor(private readonly signing: SigningCertificate) {
    super();
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const { oids } = forge.pki;
    const data = forge.pkcs7.createSignedData();
    data.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const certificate of this.signing.chain) data.addCertificate(certificate);
    data.addSigner({
      key: this.signing.key, certificate: withReadableIssuer(this.signing.certificate), digestAlgorithm: oids.sha256,
      authenticatedAttributes: [{ type: oids.contentType, value: oids.data }, { type: oids.signingTime, value: signingTime ?? new Date() }, { type: oids.messageDigest }],
    });
    data.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(data.toAsn1()).getBytes(), 'binary');
  }
}

/**
 * forge reads a UTF-8 name as its bytes but writes it as text (encoding it again), so the signer's
 * issuer would not match the certificate's for a Vietnamese name: give it the names as text.
 */
function withReadableIssuer(certificate: ForgeCertificate): ForgeCertificate {
  const attributes = certificate.issuer.attributes.map((a) => (a.valueTagClass === forge.asn1.Type.UTF8 ? { ...a, value: forge.util.decodeUtf8(a.value) } : a));
  return { ...certificate, issuer: { ...certificate.issuer, attributes } };
}

/**
 * Signs a PDF with the issuing body's certificate: a signature field whose byte range covers the whole
 * file, which poppler's pdfsig and Acrobat verify.
 */
export async function signPdf(pdf: Buffer, certificate: SigningCertificate, what: { reason: string; location: string; contactInfo: string; signingTime: Date }): Promise<Buffer> {
  const document = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({
    pdfDoc: document, reason: what.reason, location: what.location, contactInfo: what.contactInfo, name: certificate.commonName,
    signingTime: what.signingTime, signatureLength: SIGNATURE_BYTES, appName: 'hoinghi',
  });
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  return signpdf.sign(prepared, new CertificateSigner(certificate), what.signingTime);
}
