import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';

/** How far the change relay has published a conference's log; its row lock lets one relay publish at a time. */
@Entity('conference_feeds')
export class ConferenceFeedEntity {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @OneToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'published_version', type: 'int', default: 0 })
  publishedVersion!: number;
}
