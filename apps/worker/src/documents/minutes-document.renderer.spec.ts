// The minutes' files from one model, with the real tools: docx read back by mammoth; the PDF printed by
// Debian's Chromium, read by poppler (pdftotext, pdffonts) and its signature verified by pdfsig.
import { minutesDocument } from '@hoinghi/domain';
import { loadSigningCertificate } from '../config/signing-certificate';
import type { WorkerConfig } from '../config/worker-config';
import { minutesContent, SAMPLE_HASH } from '../../../../libs/domain/src/testing/minutes-content';
import { renderPartyDocx } from './party-document.docx';
import { PdfPrinter } from './pdf/pdf-printer.service';
import { signPdf } from './pdf/pdf-signer';
import { docxText, oneLine, pdfFonts, pdfSignatures, pdfText, throwawayCertificate } from './document-tools.testing';

const SIGNER = 'Ban Tổ chức Tỉnh ủy Đồng Tháp';

describe('the minutes as .docx and .pdf', () => {
  const model = minutesDocument(minutesContent(), SAMPLE_HASH);
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await new PdfPrinter({ chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' } as WorkerConfig).print(model);
  });

  it('prints the Party header, the title, names with diacritics and the hash in the footer, with the fonts embedded', () => {
    const text = oneLine(pdfText(pdf));
    for (const expected of ['TỈNH ỦY ĐỒNG THÁP', 'BAN TỔ CHỨC TỈNH ỦY', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 01-BB/BTCTU', 'Đồng Tháp, ngày 01 tháng 12 năm 2026',
      'BIÊN BẢN', 'Đồng chí Nguyễn Văn Ấn (Điểm cầu Thành phố Sa Đéc)', 'đồng chí Lê Thị Ửng (lý do: Đi công tác)', 'THƯ KÝ HỘI NGHỊ', 'CHỦ TRÌ HỘI NGHỊ']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(new RegExp(`SHA-256 của bản đã công bố: ${SAMPLE_HASH}`));
    const fonts = pdfFonts(pdf).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // name type encoding emb sub uni object ID: every font embedded, Liberation Serif (Times New Roman's twin).
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    expect(fonts.join('\n')).toMatch(/LiberationSerif-Bold/);
  });

  it('writes the same text into the .docx', async () => {
    const text = oneLine(await docxText(await renderPartyDocx(model)));
    for (const expected of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BIÊN BẢN', 'Đồng chí Nguyễn Văn Ấn (Điểm cầu Thành phố Sa Đéc)', 'lý do: Đi công tác', SAMPLE_HASH]) {
      expect(text).toContain(expected);
    }
  });

  it('signs the PDF so that pdfsig verifies it', async () => {
    const certificate = loadSigningCertificate({ DOCUMENT_SIGNING_P12: throwawayCertificate(SIGNER, 'mat-khau-2026'), DOCUMENT_SIGNING_PASSPHRASE: 'mat-khau-2026' })!;
    expect(certificate.commonName).toBe(SIGNER);
    const signed = await signPdf(pdf, certificate, { reason: 'Biên bản số 01-BB/BTCTU', location: 'Đồng Tháp', contactInfo: 'Ban Tổ chức Tỉnh ủy', signingTime: new Date() });
    const report = pdfSignatures(signed);
    expect(report).toContain(`Signer Certificate Common Name: ${SIGNER}`);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(pdfText(signed)).toContain('BIÊN BẢN');
    expect(pdfSignatures(pdf)).toMatch(/does not contain any signatures/);
  });
});

describe('the signing certificate, checked at start-up', () => {
  it('is optional: without it PDFs are not signed', () => {
    expect(loadSigningCertificate({})).toBeNull();
  });

  it('says which setting is wrong', () => {
    const p12 = throwawayCertificate('Văn phòng Tỉnh ủy', 'secret');
    expect(() => loadSigningCertificate({ DOCUMENT_SIGNING_PASSPHRASE: 'secret' }))
      .toThrow('DOCUMENT_SIGNING_PASSPHRASE is set but DOCUMENT_SIGNING_P12 (the PKCS#12 file of the issuing body\'s certificate) is not');
    expect(() => loadSigningCertificate({ DOCUMENT_SIGNING_P12: p12, DOCUMENT_SIGNING_PASSPHRASE: 'mật khẩu' }))
      .toThrow('DOCUMENT_SIGNING_PASSPHRASE must be ASCII (node-forge, which reads the PKCS#12 file, mis-encodes other characters); export the file again with an ASCII passphrase');
    expect(() => loadSigningCertificate({ DOCUMENT_SIGNING_P12: '/nonexistent/signer.p12' })).toThrow(/^DOCUMENT_SIGNING_P12: cannot read \/nonexistent\/signer.p12/);
    expect(() => loadSigningCertificate({ DOCUMENT_SIGNING_P12: p12, DOCUMENT_SIGNING_PASSPHRASE: 'wrong' }))
      .toThrow(`DOCUMENT_SIGNING_P12: ${p12} is not a PKCS#12 file that DOCUMENT_SIGNING_PASSPHRASE opens (PKCS#12 MAC could not be verified. Invalid password?)`);
    expect(() => loadSigningCertificate({ DOCUMENT_SIGNING_P12: p12, DOCUMENT_SIGNING_PASSPHRASE: 'secret' }, new Date(Date.now() + 5 * 86_400_000)))
      .toThrow(/^DOCUMENT_SIGNING_P12: the certificate in .* is valid from .* to .*, not now$/);
  });
});
