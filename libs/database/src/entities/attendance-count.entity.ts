import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { SiteEntity } from './site.entity';

/** Head counts kept as changes happen, so a check-in costs the same at 12 sites or 3,400. */
abstract class AttendanceCounts {
  @Column({ type: 'int', default: 0 })
  convened!: number;

  @Column({ type: 'int', default: 0 })
  present!: number;

  @Column({ type: 'int', default: 0 })
  late!: number;

  @Column({ type: 'int', default: 0 })
  absent!: number;
}

/** One site's delegates: convened, present (on time or late, not checked out), late, absent. */
@Entity('site_attendance')
@Index('IDX_site_attendance_conference', ['conferenceId'])
export class SiteAttendanceEntity extends AttendanceCounts {
  @PrimaryColumn({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: SiteEntity;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;
}

/** The whole conference's counts (the sum of its sites'). */
@Entity('conference_attendance')
export class ConferenceAttendanceEntity extends AttendanceCounts {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;
}
