import type { PollBase, PollKind, PollOption, PollResult, PollStatus, PollThreshold, VoteChoice } from '@hoinghi/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaItemEntity } from './agenda-item.entity';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/**
 * A vote on an agenda item, with its rules as data. The electorate (`poll_electors`), who has voted
 * (`poll_voters`) and the secret ballots (`ballot_box`, then `ballots`) are read and written by
 * `polls.repository.ts` in SQL: see the migration Polls1796300000000 for why they share nothing.
 */
@Entity('polls')
@Index('IDX_polls_conference', ['conferenceId'])
@Index('UQ_polls_one_open', ['conferenceId'], { unique: true, where: `"status" = 'open'` })
@Index('UQ_polls_runoff_of', ['runoffOf'], { unique: true })
export class PollEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItemEntity;

  @Column({ type: 'varchar', length: 16 })
  kind!: PollKind;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'jsonb' })
  labels!: Record<VoteChoice, string>;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  options!: PollOption[];

  @Column({ name: 'max_choices', type: 'int', default: 1 })
  maxChoices!: number;

  @Column({ type: 'varchar', length: 32, default: 'electorate' })
  base!: PollBase;

  @Column({ type: 'varchar', length: 16, default: 'more_than_half' })
  threshold!: PollThreshold;

  @Column({ name: 'quorum_numerator', type: 'int' })
  quorumNumerator!: number;

  @Column({ name: 'quorum_denominator', type: 'int' })
  quorumDenominator!: number;

  @Column({ name: 'allow_late_voters', type: 'boolean', default: true })
  allowLateVoters!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: PollStatus;

  /** Frozen when the poll opens. */
  @Column({ type: 'int', nullable: true })
  electorate!: number | null;

  @Column({ type: 'int', nullable: true })
  excused!: number | null;

  @Column({ name: 'present_at_open', type: 'int', nullable: true })
  presentAtOpen!: number | null;

  /** Turnout as last tallied by the worker (its sweep compares it with `poll_voters`). */
  @Column({ type: 'int', default: 0 })
  voted!: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** A re-vote: the election whose tie at the last seat it resolves (PollRunoffs1797600000000). */
  @Column({ name: 'runoff_of', type: 'uuid', nullable: true })
  runoffOf!: string | null;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'runoff_of' })
  tiedElection?: PollEntity;
}

/** A poll's published result: written once by the count; the services' role may not update or delete it. */
@Entity('poll_results')
export class PollResultEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId!: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id' })
  poll?: PollEntity;

  @Column({ type: 'jsonb' })
  result!: PollResult;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
