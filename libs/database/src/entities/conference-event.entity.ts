import type { ConferenceDeltaType } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';

/**
 * The conference's change log: one row per delta, with the audience stream that may see it.
 * Reconnecting clients catch up from it; the change relay publishes it in version order.
 */
@Entity('conference_events')
/** The chained deltas of a stream (`prev` not null), for the writer's `max(version)`. */
@Index('IDX_conference_events_chain', ['conferenceId', 'stream', 'version'], { where: 'prev IS NOT NULL' })
export class ConferenceEventEntity {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** `streamOf(audience)`: conference, leaders, site:<id>, site-staff:<id>, person:<id>. */
  @Column({ type: 'varchar', length: 100 })
  stream!: string;

  /** The previous version in the same stream; null for a state change (newest wins, may be coalesced). */
  @Column({ type: 'int', nullable: true })
  prev!: number | null;

  @Column({ type: 'varchar', length: 32 })
  type!: ConferenceDeltaType;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
