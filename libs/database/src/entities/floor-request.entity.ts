import type { FloorRequestStatus } from '@hoinghi/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { DraftSectionEntity } from './draft.entity';
import { ParticipantEntity } from './participant.entity';
import { SiteEntity } from './site.entity';

@Entity('floor_requests')
@Check('CHK_floor_requests_limit', '"limit_seconds" IS NULL OR "limit_seconds" BETWEEN 30 AND 3600')
@Index('UQ_floor_requests_one_speaker', ['conferenceId'], { unique: true, where: `"status" = 'speaking'` })
@Index('IDX_floor_requests_conference_status', ['conferenceId', 'status'])
export class FloorRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: SiteEntity;

  /** The delegate who asks; null when the site itself asks. */
  @Column({ name: 'participant_id', type: 'uuid', nullable: true })
  participantId!: string | null;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'participant_id' })
  participant?: ParticipantEntity | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: FloorRequestStatus;

  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'granted_at', type: 'timestamptz', nullable: true })
  grantedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'spoken_seconds', type: 'int', nullable: true })
  spokenSeconds!: number | null;

  /** The draft section the speaker will speak about, if any (the topic beside `note`). */
  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId!: string | null;

  @ManyToOne(() => DraftSectionEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'FK_floor_requests_section' })
  section?: DraftSectionEntity | null;

  /** The chair's speaking-time limit for this turn, in seconds. */
  @Column({ name: 'limit_seconds', type: 'int', nullable: true })
  limitSeconds!: number | null;
}
