import type { ParticipantRole } from '@hoinghi/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { SiteEntity } from './site.entity';
import { UserEntity } from './user.entity';

/** A person's role in one conference (and, for site roles and delegates, at one site). */
@Entity('participants')
@Index('UQ_participants_role', ['conferenceId', 'userId', 'role'], { unique: true })
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_participants_conference')
  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Index('IDX_participants_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  role!: ParticipantRole;

  /** A site's delegates are counted on every check-in there. */
  @Index('IDX_participants_site')
  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId!: string | null;

  @ManyToOne(() => SiteEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'site_id' })
  site?: SiteEntity | null;

  @Column({ name: 'voting_right', type: 'boolean', default: true })
  votingRight!: boolean;
}
