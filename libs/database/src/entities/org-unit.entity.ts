import type { OrgUnitLevel } from '@hoinghi/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A body in the administrative tree (centre → province → commune); depth is data. */
@Entity('org_units')
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** foldVietnamese(name), for search without diacritics. */
  @Index('IDX_org_units_name_search')
  @Column({ name: 'name_search', type: 'varchar', length: 200 })
  nameSearch!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: OrgUnitLevel;

  @Index('IDX_org_units_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** When the body's current term began (its documents are numbered within it); null: numbered per calendar year. */
  @Column({ name: 'term_started_at', type: 'timestamptz', nullable: true })
  termStartedAt!: Date | null;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnitEntity | null;
}
