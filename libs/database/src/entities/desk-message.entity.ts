import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { SiteEntity } from './site.entity';
import { UserEntity } from './user.entity';

/** One message in a site's thread with the main hall's technical desk. */
@Entity('desk_messages')
@Index('IDX_desk_messages_thread', ['conferenceId', 'siteId', 'sentAt'])
export class DeskMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id', foreignKeyConstraintName: 'FK_desk_messages_conference' })
  conference?: ConferenceEntity;

  /** The site whose thread it is. */
  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'FK_desk_messages_site' })
  site?: SiteEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_desk_messages_author' })
  author?: UserEntity;

  /** Sent from the main hall's desk, or by the site's own staff. */
  @Column({ name: 'from_desk', type: 'boolean' })
  fromDesk!: boolean;

  @Column({ type: 'varchar', length: 1000 })
  text!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}

/** Up to when one person has read one site's desk thread (their unread count is what came after, from others). */
@Entity('desk_reads')
export class DeskReadEntity {
  @PrimaryColumn({ name: 'site_id', type: 'uuid', primaryKeyConstraintName: 'PK_desk_reads' })
  siteId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_desk_reads' })
  userId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'FK_desk_reads_site' })
  site?: SiteEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_desk_reads_user' })
  user?: UserEntity;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt!: Date;
}
