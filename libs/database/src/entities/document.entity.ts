import type { DocumentKind, DocumentStatus } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/**
 * A document the worker renders on request (the consolidation report as .docx, the published minutes as .docx or .pdf): its id is the job id the
 * requester polls; the bytes stay here, so a ready document survives restarts of every process.
 */
@Entity('documents')
@Index('IDX_documents_conference', ['conferenceId', 'createdAt'])
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'varchar', length: 32 })
  kind!: DocumentKind;

  /** What it is about (the draft of a consolidation report, the version of the minutes). */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: DocumentStatus;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: UserEntity;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'bytea', nullable: true, select: false })
  content!: Buffer | null;

  @Column({ type: 'int', nullable: true })
  bytes!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** A PDF signed with the issuing body's certificate: the certificate's common name. */
  @Column({ name: 'signed_by', type: 'varchar', length: 255, nullable: true })
  signedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true })
  readyAt!: Date | null;
}
