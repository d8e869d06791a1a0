// The minutes' files from one model, with the real tools: docx read back by mammoth; the PDF printed by
// Debian's Chromium, read by poppler (pdftotext, pdffonts), its PAdES signature verified by pdfsig and,
// as CMS, by openssl (with a timestamp from a local openssl time-stamping authority).
import { minutesDocument } from '@hoinghi/domain';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSigningCertificate } from '../config/signing-certificate';
import type { WorkerConfig } from '../config/worker-config';
import { minutesContent, SAMPLE_HASH } from '../../../../libs/domain/src/testing/minutes-content';
import { renderPartyDocx } from './party-document.docx';
import { PdfPrinter } from './pdf/pdf-printer.service';
import { sequence, small } from './pdf/der';
import { signPdf } from './pdf/pdf-signer';
import { requestTimestamp } from './pdf/timestamp';
import {
  certificateBeside, cmsStructure, cmsVerify, docxHeaders, docxText, localTimestampAuthority, oneLine, pdfFonts, pdfPages, pdfSignature, pdfSignatures, pdfText,
  throwawayCertificate,
} from './document-tools.testing';

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

  it('numbers the pages at the top centre from the second page on, the hash in every page\'s footer', () => {
    const pages = pdfPages(pdf).map((text) => text.split('\n').map((line) => line.trim()).filter(Boolean));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0][0]).toBe('TỈNH ỦY ĐỒNG THÁP'); // no number on the first page
    pages.slice(1).forEach((lines, i) => expect(lines[0]).toBe(String(i + 2)));
    for (const lines of pages) expect(oneLine(lines.join(' '))).toContain(`Mã SHA-256 của bản đã công bố: ${SAMPLE_HASH}`);
    expect(oneLine(pdfText(pdf))).not.toMatch(/Trang \d/);
  });

  it('writes the same text into the .docx, the page number at the top centre from the second page', async () => {
    const docx = await renderPartyDocx(model);
    const text = oneLine(await docxText(docx));
    for (const expected of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BIÊN BẢN', 'Đồng chí Nguyễn Văn Ấn (Điểm cầu Thành phố Sa Đéc)', 'lý do: Đi công tác', SAMPLE_HASH,
      'Lúc 08 giờ 20 phút, chủ trì hội nghị cho hoãn nội dung này. Lý do: Chờ đại biểu Điểm cầu Huyện Lai Vung kết nối lại.', 'Khách mời: đồng chí Võ Thành Hiếu']) {
      expect(text).toContain(expected);
    }
    const { document, headers } = await docxHeaders(docx);
    expect(document).toContain('<w:titlePg/>'); // the first page has a header of its own…
    expect(headers.first).not.toContain('PAGE'); // …without a number
    expect(headers.default).toMatch(/<w:jc w:val="center"\/>/);
    expect(headers.default).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(headers.default).toContain('<w:sz w:val="28"/>'); // 14 pt
  });

  it('signs the PDF PAdES baseline (ETSI.CAdES.detached, signing-certificate-v2, no signing time in the CMS), which pdfsig and openssl verify', async () => {
    const p12 = throwawayCertificate(SIGNER, 'mat-khau-2026');
    const certificate = loadSigningCertificate({ DOCUMENT_SIGNING_P12: p12, DOCUMENT_SIGNING_PASSPHRASE: 'mat-khau-2026' })!;
    expect(certificate.commonName).toBe(SIGNER);
    const signingTime = new Date('2026-12-01T09:30:00Z');
    const signed = await signPdf(pdf, certificate, { reason: 'Biên bản số 01-BB/BTCTU', location: 'Đồng Tháp', contactInfo: 'Ban Tổ chức Tỉnh ủy', signingTime });
    const report = pdfSignatures(signed);
    expect(report).toContain(`Signer Certificate Common Name: ${SIGNER}`);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signing Time: Dec 01 2026 09:30:00'); // the dictionary's /M, the time PAdES says is claimed
    expect(pdfText(signed)).toContain('BIÊN BẢN');
    expect(pdfSignatures(pdf)).toMatch(/does not contain any signatures/);

    const { cms, signed: content } = pdfSignature(signed);
    const structure = cmsStructure(cms);
    expect(structure).toContain('id-smime-aa-signingCertificateV2');
    expect(structure).toContain('messageDigest');
    expect(structure).not.toContain('signingTime');
    expect(structure).not.toContain('id-smime-aa-timeStampToken'); // no timestamp without a TSA
    expect(cmsVerify(cms, content, certificateBeside(p12))).toContain('Verification successful');
    // A byte changed in the signed content: openssl refuses it.
    const tampered = Buffer.from(content);
    tampered[200] ^= 1;
    expect(cmsVerify(cms, tampered, certificateBeside(p12))).toMatch(/digest failure|content verify error|Verification failure/);
  });

  it('adds an RFC 3161 timestamp of the signature when a time-stamping authority is configured (PAdES B-T)', async () => {
    const tsa = await localTimestampAuthority();
    try {
      const p12 = throwawayCertificate(SIGNER, 'mat-khau-2026');
      const certificate = loadSigningCertificate({ DOCUMENT_SIGNING_P12: p12, DOCUMENT_SIGNING_PASSPHRASE: 'mat-khau-2026', DOCUMENT_SIGNING_TSA_URL: tsa.url })!;
      expect(certificate.timestampUrl).toBe(tsa.url);
      const signed = await signPdf(pdf, certificate, { reason: 'Biên bản số 01-BB/BTCTU', location: 'Đồng Tháp', contactInfo: 'Ban Tổ chức Tỉnh ủy', signingTime: new Date() });
      expect(tsa.requests()).toBe(1);
      expect(pdfSignatures(signed)).toContain('Signature Validation: Signature is Valid.');
      const { cms, signed: content } = pdfSignature(signed);
      expect(cmsStructure(cms)).toContain('id-smime-aa-timeStampToken');
      expect(cmsVerify(cms, content, certificateBeside(p12))).toContain('Verification successful');
    } finally {
      await tsa.close();
    }
    // Configured but unreachable: the signature fails (the job is retried) rather than going out without its timestamp.
    const unreachable = loadSigningCertificate({
      DOCUMENT_SIGNING_P12: throwawayCertificate(SIGNER, 'x'), DOCUMENT_SIGNING_PASSPHRASE: 'x', DOCUMENT_SIGNING_TSA_URL: tsa.url,
    })!;
    await expect(signPdf(pdf, unreachable, { reason: 'r', location: 'l', contactInfo: 'c', signingTime: new Date() })).rejects.toThrow(/^timestamp authority http:\/\/127\.0\.0\.1:\d+\/tsa unreachable/);
  });

  it('says so when a time-stamping authority refuses, or answers something else', async () => {
    // A TSA that answers PKIStatus 2 (rejection), then one that answers a web page.
    for (const [answer, message] of [
      [sequence(sequence(small(2))), /refused the request \(PKIStatus 2\)$/],
      [Buffer.from('<html>Bad gateway</html>'), /answered what is not an RFC 3161 response/],
    ] as const) {
      const server = createServer((_request, response) => response.writeHead(200).end(answer));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
        await expect(requestTimestamp(url, Buffer.from('signature value'))).rejects.toThrow(message);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});

describe('the signing certificate, checked at start-up', () => {
  it('is optional: without it PDFs are not signed', () => {
    expect(loadSigningCertificate({})).toBeNull();
  });

  it('says which setting is wrong', () => {
    const p12 = throwawayCertificate('Văn phòng Tỉnh ủy', 'secret');
    expect(() => loadSigningCertificate({ DOCUMENT_SIGNING_TSA_URL: 'http://tsa.example' }))
      .toThrow('DOCUMENT_SIGNING_TSA_URL is set but DOCUMENT_SIGNING_P12 is not: there is no signature to timestamp');
    expect(() => loadSigningCertificate({ DOCUMENT_SIGNING_P12: p12, DOCUMENT_SIGNING_PASSPHRASE: 'secret', DOCUMENT_SIGNING_TSA_URL: 'ftp://tsa.example' }))
      .toThrow('DOCUMENT_SIGNING_TSA_URL must start with http: or https:');
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
