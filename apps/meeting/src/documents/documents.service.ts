import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DocumentEntity } from '@hoinghi/database';
import { conflict, notFound, type Permission } from '@hoinghi/domain';
import {
  DOCX_CONTENT_TYPE, JobName, QueueName, type DocumentJobReceipt, type DocumentJobView, type DocumentKind, type RenderDocumentJob,
} from '@hoinghi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../auth/auth-user';
import type { ChangeContext, ChangeOutcome } from '../change-log/conference-changes.service';

/** Who may fetch a document: the same people who may ask for it. */
const PERMISSION_OF: Record<DocumentKind, Permission> = {
  'consolidation-report': 'consolidation.manage',
  // Published minutes: the leaders and every site's staff.
  'minutes-docx': 'minutes.download',
  'minutes-pdf': 'minutes.download',
};

/**
 * Documents the worker renders (the documents queue): a feature asks for one inside its own change (a
 * row `queued` and its job in the outbox, one transaction); the requester polls the row's id and fetches
 * the bytes, kept in PostgreSQL, once `ready`.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Inside the caller's change (which checked its permission): the row, the job, the audit line. */
  async queue(
    ctx: ChangeContext, user: AuthUser, what: { kind: DocumentKind; subjectId: string; fileName: string; contentType?: string },
  ): Promise<ChangeOutcome<DocumentJobReceipt>> {
    const document = await ctx.em.save(DocumentEntity, ctx.em.create(DocumentEntity, {
      conferenceId: ctx.conference.id, kind: what.kind, subjectId: what.subjectId, status: 'queued', requestedBy: user.id,
      fileName: what.fileName, contentType: what.contentType ?? DOCX_CONTENT_TYPE, content: null, bytes: null, error: null, signedBy: null, readyAt: null,
    }));
    const job: RenderDocumentJob = { v: 1, conferenceId: ctx.conference.id, documentId: document.id };
    return {
      result: { jobId: document.id, status: 'queued' },
      events: [],
      audit: { action: 'document.request', details: { documentId: document.id, kind: what.kind, subjectId: what.subjectId } },
      outbox: [{ kind: 'job', queue: QueueName.Documents, name: JobName.RenderDocument, payload: job }],
    };
  }

  async status(user: AuthUser, conferenceId: string, jobId: string): Promise<DocumentJobView> {
    const document = await this.readable(this.dataSource.manager, user, conferenceId, jobId);
    return {
      jobId: document.id, kind: document.kind, status: document.status, fileName: document.fileName, bytes: document.bytes, error: document.error,
      signedBy: document.signedBy, createdAt: document.createdAt.toISOString(), readyAt: document.readyAt?.toISOString() ?? null,
    };
  }

  async file(user: AuthUser, conferenceId: string, jobId: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const em = this.dataSource.manager;
    const document = await this.readable(em, user, conferenceId, jobId);
    if (document.status !== 'ready') {
      throw conflict('DOCUMENT_NOT_READY', document.status === 'failed'
        ? `Rendering ${document.fileName} failed (${document.error ?? 'unknown error'}); ask for it again.`
        : `${document.fileName} is still being rendered; ask again in a moment.`);
    }
    const row = await em.findOneOrFail(DocumentEntity, { where: { id: document.id }, select: ['id', 'content'] });
    return { fileName: document.fileName, contentType: document.contentType, content: row.content! };
  }

  /** 404 for a document of another conference; 403 for someone who may not ask for its kind. */
  private async readable(em: EntityManager, user: AuthUser, conferenceId: string, jobId: string): Promise<DocumentEntity> {
    await this.access.authorize(em, user.id, conferenceId, 'conference.view');
    const document = await em.findOne(DocumentEntity, { where: { id: jobId, conferenceId } });
    if (!document) throw notFound('DOCUMENT_NOT_FOUND', `Document ${jobId} does not exist in this conference.`);
    await this.access.authorize(em, user.id, conferenceId, PERMISSION_OF[document.kind]);
    return document;
  }
}
