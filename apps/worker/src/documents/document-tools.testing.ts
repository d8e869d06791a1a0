// Test helpers: poppler's tools over a PDF, mammoth over a .docx, openssl over a PDF's CMS signature, a
// throwaway certificate and a local RFC 3161 time-stamping authority made with openssl.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { read } from './pdf/der';
import JSZip from 'jszip';
import mammoth from 'mammoth';

const scratch = () => mkdtempSync(join(tmpdir(), 'hoinghi-pdf-'));

function withFile<T>(pdf: Buffer, run: (path: string) => T): T {
  const path = join(scratch(), 'document.pdf');
  writeFileSync(path, pdf);
  return run(path);
}

/** Whitespace as one space: a line broken by the layout reads as one sentence. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** pdftotext in reading order (-layout off): the words as a reader gets them. */
export const pdfText = (pdf: Buffer): string => withFile(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));

/** Each page's text (pdftotext page by page), first page first. */
export const pdfPages = (pdf: Buffer): string[] => withFile(pdf, (path) => {
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), path, '-'], { encoding: 'utf8' }));
});

/** pdffonts' table: one line per font, with emb/sub/uni columns. */
export const pdfFonts = (pdf: Buffer): string => withFile(pdf, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));

/** pdfsig's report (it exits non-zero on a PDF without signatures; the text says so). */
export const pdfSignatures = (pdf: Buffer): string => withFile(pdf, (path) => {
  const result = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
});

/** A signed PDF's signature: the CMS in /Contents (DER, without its padding) and the bytes its /ByteRange covers. */
export function pdfSignature(pdf: Buffer): { cms: Buffer; signed: Buffer } {
  const [a, b, c, d] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number);
  const hex = pdf.subarray(a + b + 1, c - 1).toString('latin1');
  return { cms: read(Buffer.from(hex, 'hex')).raw, signed: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]) };
}

/** openssl's reading of a CMS signature (cms -cmsout -print): its structure, attribute by attribute. */
export const cmsStructure = (cms: Buffer): string => {
  const path = join(scratch(), 'signature.der');
  writeFileSync(path, cms);
  return execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path], { encoding: 'utf8' });
};

/**
 * openssl's own verification of a detached CMS signature over `content`, trusting `caFile`: the
 * signature, the chain, and (`-cades`, OpenSSL 3) the ESS signing-certificate attribute against the
 * signer's certificate. Returns what openssl says.
 */
export const cmsVerify = (cms: Buffer, content: Buffer, caFile: string): string => {
  const dir = scratch();
  writeFileSync(join(dir, 'signature.der'), cms);
  writeFileSync(join(dir, 'content.bin'), content);
  const result = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'signature.der'), '-content', join(dir, 'content.bin'),
    '-CAfile', caFile, '-purpose', 'any', '-cades', '-out', '/dev/null'], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
};

/** The first page as a PNG (pdftoppm -r 80). */
export const pdfFirstPagePng = (pdf: Buffer, resolution = 80): Buffer => withFile(pdf, (path) => {
  const prefix = join(scratch(), 'page');
  execFileSync('pdftoppm', ['-png', '-r', String(resolution), '-f', '1', '-l', '1', '-singlefile', path, prefix]);
  return execFileSync('cat', [`${prefix}.png`]);
});

/** A self-signed certificate and key in a PKCS#12 file (openssl's defaults: AES-256, SHA-256 MAC); its certificate is `cert.pem` beside it. */
export function throwawayCertificate(commonName: string, passphrase: string, days = 2): string {
  const dir = scratch();
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-days', String(days), '-subj', `/CN=${commonName}/O=hoinghi tests/C=VN`,
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  execFileSync('openssl', [
    'pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-out', join(dir, 'signer.p12'), '-passout', `pass:${passphrase}`,
  ], { stdio: 'ignore' });
  return join(dir, 'signer.p12');
}

export const certificateBeside = (p12: string) => join(dirname(p12), 'cert.pem');

/**
 * A time-stamping authority on localhost (RFC 3161 over HTTP), answering with `openssl ts -reply` and a
 * throwaway TSA certificate (`certificate`, PEM); `requests` counts what it stamped.
 */
export async function localTimestampAuthority(): Promise<{ url: string; certificate: string; requests: () => number; close: () => Promise<void> }> {
  const dir = scratch();
  const [key, certificate, config] = [join(dir, 'tsa.key'), join(dir, 'tsa.pem'), join(dir, 'tsa.cnf')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=hoinghi test TSA/C=VN', '-keyout', key, '-out', certificate,
    '-addext', 'extendedKeyUsage=critical,timeStamping', '-addext', 'keyUsage=critical,digitalSignature'], { stdio: 'ignore' });
  writeFileSync(config, [
    '[ tsa ]', 'default_tsa = test_tsa', '[ test_tsa ]', `serial = ${join(dir, 'serial')}`, 'crypto_device = builtin', 'signer_digest = sha256',
    'default_policy = 1.2.3.4.1', 'digests = sha256', 'accuracy = secs:1', 'ordering = yes', 'tsa_name = no', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', '',
  ].join('\n'));
  writeFileSync(join(dir, 'serial'), '01\n');
  let stamped = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const [query, reply] = [join(dir, `q${stamped}.tsq`), join(dir, `r${stamped}.tsr`)];
      writeFileSync(query, Buffer.concat(chunks));
      execFileSync('openssl', ['ts', '-reply', '-config', config, '-queryfile', query, '-signer', certificate, '-inkey', key, '-out', reply], { stdio: 'ignore' });
      stamped += 1;
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`, certificate, requests: () => stamped,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A .docx's text: the body as mammoth reads it, then the footers (which mammoth leaves out). */
export async function docxText(docx: Buffer): Promise<string> {
  const body = (await mammoth.extractRawText({ buffer: docx })).value;
  const zip = await JSZip.loadAsync(docx);
  const footers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
  return [body, ...footers.map((xml) => xml.replace(/<[^>]+>/g, ''))].join('\n');
}

/** A .docx's main part and its headers by type (default, first), as XML. */
export async function docxHeaders(docx: Buffer): Promise<{ document: string; headers: Record<string, string> }> {
  const zip = await JSZip.loadAsync(docx);
  const part = (name: string) => zip.file(name)!.async('string');
  const [document, relations] = [await part('word/document.xml'), await part('word/_rels/document.xml.rels')];
  const targets = new Map([...relations.matchAll(/<Relationship [^>]*?Id="(\w+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const headers: Record<string, string> = {};
  for (const [, type, id] of document.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"/g)) headers[type] = await part(`word/${targets.get(id)!}`);
  return { document, headers };
}
