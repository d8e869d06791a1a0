import type { NoticeKind } from '@hoinghi/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/** One announcement of a conference to everyone convened to it (its participants when they read). */
@Entity('notices')
@Index('IDX_notices_conference', ['conferenceId', 'at'])
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id', foreignKeyConstraintName: 'FK_notices_conference' })
  conference?: ConferenceEntity;

  @Column({ type: 'varchar', length: 16 })
  kind!: NoticeKind;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'planned_start', type: 'timestamptz' })
  plannedStart!: Date;

  @Column({ name: 'planned_end', type: 'timestamptz' })
  plannedEnd!: Date;

  @Column({ type: 'varchar', length: 300, default: '' })
  place!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;
}

/** That one person has read one notice. */
@Entity('notice_reads')
export class NoticeReadEntity {
  @PrimaryColumn({ name: 'notice_id', type: 'uuid', primaryKeyConstraintName: 'PK_notice_reads' })
  noticeId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_notice_reads' })
  userId!: string;

  @ManyToOne(() => NoticeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'FK_notice_reads_notice' })
  notice?: NoticeEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notice_reads_user' })
  user?: UserEntity;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt!: Date;
}
