import { Inject, Injectable } from '@nestjs/common';
import type { PartyDocumentModel } from '@hoinghi/domain';
import { chromium } from 'playwright-core';
import { WORKER_CONFIG, type WorkerConfig } from '../../config/worker-config';
import { partyDocumentHtml } from './party-document.html';

/**
 * Prints a Party document to PDF with Debian's Chromium (headless, through playwright-core): real
 * shaping of Vietnamese and the fonts embedded (subsets). One browser per document: documents are
 * rare, and nothing is left running between them.
 */
@Injectable()
export class PdfPrinter {
  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {}

  async print(model: PartyDocumentModel): Promise<Buffer> {
    const browser = await chromium.launch({
      executablePath: this.config.chromiumPath, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      // Nothing to fetch: the page is self-contained; refuse any request so a text can never reach out.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(partyDocumentHtml(model), { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)'); // every face loaded before printing
      // The page's size, margins, page numbers and footer are the document's own @page rules.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false, tagged: true });
      return Buffer.from(pdf);
    } finally {
      await browser.close();
    }
  }
}
