import type { ConferenceKind, ConferenceStatus } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnitEntity } from './org-unit.entity';
import { UserEntity } from './user.entity';

@Entity('conferences')
export class ConferenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: ConferenceKind;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: ConferenceStatus;

  @Column({ name: 'host_unit_id', type: 'uuid' })
  hostUnitId!: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_unit_id' })
  hostUnit?: OrgUnitEntity;

  @Column({ name: 'planned_start', type: 'timestamptz' })
  plannedStart!: Date;

  @Column({ name: 'planned_end', type: 'timestamptz' })
  plannedEnd!: Date;

  @Column({ name: 'quorum_numerator', type: 'int', default: 2 })
  quorumNumerator!: number;

  @Column({ name: 'quorum_denominator', type: 'int', default: 3 })
  quorumDenominator!: number;

  /** Bumped by exactly one in the transaction of every change; the version of the last delta. */
  @Column({ type: 'int', default: 0 })
  version!: number;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** Why it was cancelled, or why it is paused. */
  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true })
  statusReason!: string | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
