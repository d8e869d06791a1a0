import type { ConferenceDeltaType } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';

/** The delta of one change, kept so reconnecting clients catch up from the version they had. */
@Entity('conference_events')
export class ConferenceEventEntity {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: ConferenceDeltaType;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
