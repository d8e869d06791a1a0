import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';

export type OutboxKind = 'redis' | 'job';

/**
 * A side effect of a change (a Redis event for the media gateway, a queue job), written in the
 * change's transaction and delivered after commit by the change relay, retried until delivered.
 */
@Entity('outbox_messages')
@Index('IDX_outbox_messages_pending', ['conferenceId', 'id'], { where: '"delivered_at" IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'varchar', length: 16 })
  kind!: OutboxKind;

  /** The Redis channel, or `<queue>/<job name>`. */
  @Column({ type: 'varchar', length: 100 })
  target!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
