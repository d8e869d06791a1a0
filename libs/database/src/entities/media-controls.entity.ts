import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';

/** The chair's media controls of a conference (no row: the floor holder may not share, nobody is muted). */
@Entity('media_controls')
export class MediaControlsEntity {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid', primaryKeyConstraintName: 'PK_media_controls' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id', foreignKeyConstraintName: 'FK_media_controls_conference' })
  conference?: ConferenceEntity;

  /** The chair lets the floor holder share a screen (the main hall always may). */
  @Column({ name: 'floor_share_allowed', type: 'boolean', default: false })
  floorShareAllowed!: boolean;

  /** The sites the chair has muted, in the conference's site order. */
  @Column({ name: 'muted_site_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mutedSiteIds!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
