import { Inject, Injectable } from '@nestjs/common';
import type { PublishedMinutesContent } from '@hoinghi/contracts';
import { MinutesVersionEntity } from '@hoinghi/database';
import { minutesDocument } from '@hoinghi/domain';
import type { EntityManager } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { renderPartyDocx } from './party-document.docx';
import { PdfPrinter } from './pdf/pdf-printer.service';
import { signPdf } from './pdf/pdf-signer';

export interface RenderedDocument {
  content: Buffer;
  /** The signer's common name, for a signed PDF. */
  signedBy: string | null;
}

/**
 * A published version of the minutes as .docx or .pdf, from its stored canonical content and hash
 * only (never from the live sources): both files are drawn from one document model. The PDF is signed
 * when the issuing body's certificate is configured.
 */
@Injectable()
export class MinutesDocumentRenderer {
  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly printer: PdfPrinter,
  ) {}

  async render(em: EntityManager, versionId: string, format: 'docx' | 'pdf'): Promise<RenderedDocument> {
    const version = await em.findOne(MinutesVersionEntity, { where: { id: versionId } });
    if (!version) throw new Error(`minutes version ${versionId} no longer exists`);
    if (version.status !== 'published' || !version.content || !version.sha256) throw new Error(`minutes version ${versionId} is not published`);
    const content = version.content as PublishedMinutesContent;
    const model = minutesDocument(content, version.sha256);
    if (format === 'docx') return { content: await renderPartyDocx(model), signedBy: null };
    const pdf = await this.printer.print(model);
    const signing = this.config.signing;
    if (!signing) return { content: pdf, signedBy: null };
    const signed = await signPdf(pdf, signing, {
      reason: `Biên bản${content.documentNumber ? ` số ${content.documentNumber}` : ''}, phiên bản ${content.version}, SHA-256 ${version.sha256}`,
      location: content.facts.locality || content.facts.place, contactInfo: content.facts.hostUnit, signingTime: new Date(),
    });
    return { content: signed, signedBy: signing.commonName };
  }
}
