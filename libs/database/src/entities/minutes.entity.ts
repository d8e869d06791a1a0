import type { MinutesSpeaker, MinutesStatus, MinutesTask } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaItemEntity } from './agenda-item.entity';
import { ConferenceEntity } from './conference.entity';

/**
 * One version of a conference's minutes (biên bản). Version 1 is kept during the conference; each
 * correction of a published version is the next one. Once published, the database refuses any change
 * to the row and to its items (a trigger, see the Minutes migration).
 */
@Entity('minutes_versions')
@Index('UQ_minutes_versions_number', ['conferenceId', 'version'], { unique: true })
@Index('UQ_minutes_versions_one_open', ['conferenceId'], { unique: true, where: `"status" <> 'published'` })
export class MinutesVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: MinutesStatus;

  @Column({ name: 'document_number', type: 'varchar', length: 40, nullable: true })
  documentNumber!: string | null;

  @Column({ type: 'int', nullable: true })
  corrects!: number | null;

  @Column({ name: 'correction_reason', type: 'varchar', length: 1000, nullable: true })
  correctionReason!: string | null;

  @Column({ name: 'return_reason', type: 'varchar', length: 1000, nullable: true })
  returnReason!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** The canonical content as published (facts and items), and its SHA-256 in hex. */
  @Column({ type: 'jsonb', nullable: true })
  content!: object | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  /** The change-log version the published facts were read at. */
  @Column({ name: 'facts_version', type: 'int', nullable: true })
  factsVersion!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The secretariat's text for one agenda item in one version; `revision` is the editors' version check. */
@Entity('minutes_items')
@Index('UQ_minutes_items_item', ['versionId', 'agendaItemId'], { unique: true })
export class MinutesItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => MinutesVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  minutesVersion?: MinutesVersionEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItemEntity;

  @Column({ type: 'text', default: '' })
  summary!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  speakers!: MinutesSpeaker[];

  @Column({ type: 'text', default: '' })
  conclusion!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tasks!: MinutesTask[];

  @Column({ type: 'int', default: 0 })
  revision!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
