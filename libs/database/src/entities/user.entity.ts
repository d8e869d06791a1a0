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

  /** Set by an administrator: the account can no longer sign in, refresh or call anything. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Access tokens issued before this instant (a password reset, a disabling) are refused. */
  @Column({ name: 'tokens_valid_from', type: 'timestamptz', nullable: true })
  tokensValidFrom!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
