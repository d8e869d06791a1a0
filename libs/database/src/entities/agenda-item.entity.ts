import type { AgendaItemKind, AgendaItemState } from '@hoinghi/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';

@Entity('agenda_items')
@Index('UQ_agenda_items_one_active', ['conferenceId'], { unique: true, where: `"state" = 'active'` })
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_agenda_items_conference')
  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: AgendaItemKind;

  @Column({ type: 'varchar', length: 200, default: '' })
  presenter!: string;

  @Column({ name: 'planned_minutes', type: 'int' })
  plannedMinutes!: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  state!: AgendaItemState;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** The chair's reason for the last skip or reopening, for the minutes. */
  @Column({ name: 'state_reason', type: 'varchar', length: 500, nullable: true })
  stateReason!: string | null;
}
