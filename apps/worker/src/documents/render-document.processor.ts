import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { consolidation, DocumentEntity } from '@hoinghi/database';
import { JobName, QueueName, type RenderDocumentJob, type RenderDocumentResult } from '@hoinghi/contracts';
import type { Job } from 'bull';
import { DataSource, Not } from 'typeorm';
import { renderConsolidationReport } from './consolidation-report.docx';
import { MinutesDocumentRenderer, type RenderedDocument } from './minutes-document.renderer';

/**
 * Renders a requested document (the consolidation report as .docx; published minutes as .docx or signed
 * .pdf) from what is stored at the time and keeps the bytes in its `documents` row. Running it again on a ready document changes nothing; a job
 * that fails every attempt marks the document `failed`, so the requester stops waiting.
 */
@Processor(QueueName.Documents)
export class RenderDocumentProcessor {
  private readonly log = new Logger(RenderDocumentProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly minutes: MinutesDocumentRenderer,
  ) {}

  @Process(JobName.RenderDocument)
  async handle(job: Job<RenderDocumentJob>): Promise<RenderDocumentResult | null> {
    if (job.data.v !== 1) throw new Error(`unknown ${JobName.RenderDocument} payload version ${String(job.data.v)}`);
    const { conferenceId, documentId } = job.data;
    const document = await this.dataSource.manager.findOne(DocumentEntity, { where: { id: documentId, conferenceId } });
    if (!document) return null;
    if (document.status === 'ready') return { bytes: document.bytes ?? 0, rendered: false };
    const { content, signedBy } = await this.render(document);
    const { affected } = await this.dataSource.manager.update(DocumentEntity, { id: documentId, status: Not('ready') }, {
      status: 'ready', content, bytes: content.length, error: null, signedBy, readyAt: new Date(),
    });
    return { bytes: content.length, rendered: (affected ?? 0) > 0 };
  }

  private async render(document: DocumentEntity): Promise<RenderedDocument> {
    const kind = document.kind;
    switch (kind) {
      case 'consolidation-report': {
        // One consistent reading of the points and comments, without locks.
        const report = await this.dataSource.transaction('REPEATABLE READ', (em) => consolidation.report(em, document.conferenceId, document.subjectId));
        if (!report) throw new Error(`draft ${document.subjectId} of document ${document.id} no longer exists`);
        return { content: await renderConsolidationReport(report), signedBy: null };
      }
      case 'minutes-docx':
      case 'minutes-pdf':
        return this.minutes.render(this.dataSource.manager, document.subjectId, kind === 'minutes-pdf' ? 'pdf' : 'docx');
      default:
        throw new Error(`unknown document kind ${String(kind satisfies never)}`);
    }
  }

  @OnQueueFailed()
  async failed(job: Job<RenderDocumentJob>, error: Error): Promise<void> {
    const last = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.log.error(`${JobName.RenderDocument} ${job.data.documentId}: ${error.message}${last ? ' — last attempt' : ''}`);
    if (!last) return;
    await this.dataSource.manager.update(DocumentEntity, { id: job.data.documentId, status: 'queued' }, { status: 'failed', error: error.message.slice(0, 1000) });
  }
}
