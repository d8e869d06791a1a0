import type { ConsultationState, DraftSource } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AgendaItemEntity } from './agenda-item.entity';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/** A draft document (dự thảo) put to a conference for comment, tied to its agenda item. */
@Entity('drafts')
export class DraftEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_drafts_conference')
  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItemEntity | null;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion!: number;

  @Column({ type: 'varchar', length: 16, default: 'not_open' })
  consultation!: ConsultationState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One version of a draft; a published version never changes (a correction is a new version). */
@Entity('draft_versions')
@Index('UQ_draft_versions_number', ['draftId', 'version'], { unique: true })
export class DraftVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'draft_id', type: 'uuid' })
  draftId!: string;

  @ManyToOne(() => DraftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'draft_id' })
  draft?: DraftEntity;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 8 })
  source!: DraftSource;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  author?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A numbered section of one version, the unit delegates comment on. */
@Entity('draft_sections')
@Index('UQ_draft_sections_position', ['versionId', 'position'], { unique: true })
export class DraftSectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => DraftVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  draftVersion?: DraftVersionEntity;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 60 })
  label!: string;

  @Column({ type: 'varchar', length: 1000 })
  heading!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'int' })
  level!: number;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;
}
