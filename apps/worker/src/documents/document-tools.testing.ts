// Test helpers: poppler's tools over a PDF, mammoth over a .docx, a throwaway certificate made with openssl.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** pdffonts' table: one line per font, with emb/sub/uni columns. */
export const pdfFonts = (pdf: Buffer): string => withFile(pdf, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));

/** pdfsig's report (it exits non-zero on a PDF without signatures; the text says so). */
export const pdfSignatures = (pdf: Buffer): string => withFile(pdf, (path) => {
  const result = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
});

/** The first page as a PNG (pdftoppm -r 80). */
export const pdfFirstPagePng = (pdf: Buffer, resolution = 80): Buffer => withFile(pdf, (path) => {
  const prefix = join(scratch(), 'page');
  execFileSync('pdftoppm', ['-png', '-r', String(resolution), '-f', '1', '-l', '1', '-singlefile', path, prefix]);
  return execFileSync('cat', [`${prefix}.png`]);
});

/** A self-signed certificate and key in a PKCS#12 file (openssl's defaults: AES-256, SHA-256 MAC). */
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

/** A .docx's text: the body as mammoth reads it, then the footers (which mammoth leaves out). */
export async function docxText(docx: Buffer): Promise<string> {
  const body = (await mammoth.extractRawText({ buffer: docx })).value;
  const zip = await JSZip.loadAsync(docx);
  const footers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
  return [body, ...footers.map((xml) => xml.replace(/<[^>]+>/g, ''))].join('\n');
}
