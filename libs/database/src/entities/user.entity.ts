import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  /** foldVietnamese(fullName), for search without diacritics. */
  @Column({ name: 'full_name_search', type: 'varchar', length: 200 })
  fullNameSearch!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'is_admin', type: 'boolean', default: false })
  isAdmin!: boolean;

  /** Organising staff of a host body: may convene conferences. */
  @Column({ name: 'can_convene', type: 'boolean', default: false })
  canConvene!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
