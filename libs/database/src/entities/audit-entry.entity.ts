import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/**
 * Who did what, and when: every chair and operator action, and what the platform did by itself.
 * Append-only: the services' database role may not update or delete it, and it keeps no foreign key
 * to its conference, so deleting a conference does not erase its trail.
 */
@Entity('audit_entries')
@Index('IDX_audit_entries_conference', ['conferenceId', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid', nullable: true })
  conferenceId!: string | null;

  @ManyToOne(() => ConferenceEntity, { nullable: true, createForeignKeyConstraints: false })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity | null;

  /** null: the platform itself acted (e.g. the media gateway replaced a failed worker). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'actor_user_id' })
  actor?: UserEntity;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
