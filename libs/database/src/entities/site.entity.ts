import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { OrgUnitEntity } from './org-unit.entity';

/** A bridge site (điểm cầu). Sites form a tree: a site may relay to sub-sites. */
@Entity('sites')
@Index('UQ_sites_one_main', ['conferenceId'], { unique: true, where: '"is_main"' })
export class SiteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_sites_conference')
  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  place!: string;

  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @Column({ name: 'parent_site_id', type: 'uuid', nullable: true })
  parentSiteId!: string | null;

  @ManyToOne(() => SiteEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'parent_site_id' })
  parentSite?: SiteEntity | null;

  @Column({ name: 'is_main', type: 'boolean', default: false })
  isMain!: boolean;

  @Column({ type: 'int', default: 0 })
  position!: number;
}
