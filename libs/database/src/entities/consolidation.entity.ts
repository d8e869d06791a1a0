import type { Disposition } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DraftCommentEntity } from './comment.entity';
import { ConferenceEntity } from './conference.entity';
import { DraftEntity } from './draft.entity';
import { UserEntity } from './user.entity';

/** One point of the consolidation (tổng hợp): what several comments on a draft say, and the secretariat's decision. */
@Entity('consolidation_points')
@Index('IDX_consolidation_points_draft', ['conferenceId', 'draftId'])
export class ConsolidationPointEntity {
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

  /** A section of the version its comments were made on (read with that version); null: the whole draft. */
  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId!: string | null;

  @Column({ name: 'section_label', type: 'varchar', length: 60, default: '' })
  sectionLabel!: string;

  @Column({ type: 'text' })
  summary!: string;

  /** null: not decided yet. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  disposition!: Disposition | null;

  @Column({ type: 'text', default: '' })
  response!: string;

  /** The draft version that absorbed the point. */
  @Column({ name: 'absorbed_in_version', type: 'int', nullable: true })
  absorbedInVersion!: number | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  author?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A comment grouped into a point. The primary key is the comment: a comment is answered by at most one point. */
@Entity('consolidation_point_comments')
@Index('IDX_consolidation_point_comments_point', ['pointId'])
export class ConsolidationPointCommentEntity {
  @PrimaryColumn({ name: 'comment_id', type: 'uuid', primaryKeyConstraintName: 'PK_consolidation_point_comments_one_point_per_comment' })
  commentId!: string;

  @ManyToOne(() => DraftCommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: DraftCommentEntity;

  @Column({ name: 'point_id', type: 'uuid' })
  pointId!: string;

  @ManyToOne(() => ConsolidationPointEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'point_id' })
  point?: ConsolidationPointEntity;
}
