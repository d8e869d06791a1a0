import type { CommentKind, CommentStatus, ReceiptStatus } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { DraftEntity } from './draft.entity';
import { UserEntity } from './user.entity';

/** What a submission carries until the worker stores it as a comment. */
export interface CommentSubmissionContent {
  kind: CommentKind;
  draftVersion: number;
  sectionId: string | null;
  sectionLabel: string;
  text: string;
  proposal: string | null;
  siteId: string | null;
  speakerParticipantId: string | null;
  speakerName: string | null;
  floorRequestId: string | null;
}

/**
 * A comment as the API acknowledged it (its id is the receipt id): written with the outbox job that
 * stores it, in one transaction. One per author and idempotency key in a conference, so a resend
 * answers the same receipt.
 */
@Entity('comment_submissions')
@Index('UQ_comment_submissions_key', ['conferenceId', 'authorUserId', 'idempotencyKey'], { unique: true })
// What the worker's sweep looks for: acknowledged, not yet stored (a handful at any time).
@Index('IDX_comment_submissions_pending', ['createdAt'], { where: `status = 'accepted'` })
export class CommentSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId!: string;

  @ManyToOne(() => DraftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'draft_id' })
  draft?: DraftEntity;

  @Column({ name: 'author_user_id', type: 'uuid' })
  authorUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id' })
  author?: UserEntity;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100 })
  idempotencyKey!: string;

  @Column({ type: 'jsonb' })
  content!: CommentSubmissionContent;

  @Column({ type: 'varchar', length: 16, default: 'accepted' })
  status!: ReceiptStatus;

  @Column({ name: 'comment_id', type: 'uuid', nullable: true })
  commentId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A stored comment on a draft (góp ý): at most one per submission, however often the worker's job runs. */
@Entity('draft_comments')
@Index('IDX_draft_comments_conference', ['conferenceId', 'draftId'])
export class DraftCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_draft_comments_submission', { unique: true })
  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId!: string;

  @ManyToOne(() => CommentSubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: CommentSubmissionEntity;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId!: string;

  @ManyToOne(() => DraftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'draft_id' })
  draft?: DraftEntity;

  @Column({ name: 'draft_version', type: 'int' })
  draftVersion!: number;

  /** A section of `draftVersion` (no foreign key: a section is read with its version); null: the whole draft. */
  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId!: string | null;

  @Column({ name: 'section_label', type: 'varchar', length: 60, default: '' })
  sectionLabel!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CommentKind;

  @Column({ name: 'author_user_id', type: 'uuid' })
  authorUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id' })
  author?: UserEntity;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId!: string | null;

  @Column({ name: 'speaker_participant_id', type: 'uuid', nullable: true })
  speakerParticipantId!: string | null;

  @Column({ name: 'speaker_name', type: 'varchar', length: 200, nullable: true })
  speakerName!: string | null;

  @Column({ name: 'floor_request_id', type: 'uuid', nullable: true })
  floorRequestId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', nullable: true })
  proposal!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: CommentStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
