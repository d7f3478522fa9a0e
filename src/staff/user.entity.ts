import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from './staff-actor';

// Staff who sign in to the desk. E-mail addresses are stored lower-cased (the check keeps
// it so), which makes the unique index case-insensitive without an extension.
@Entity('users')
@Check('chk_users_email_lower', `"email" = lower("email")`)
@Check('chk_users_role', `"role" IN ('editor', 'legal', 'admin')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_users_email', { unique: true })
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  role: Role;

  // argon2id, PHC string format.
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('boolean', { default: true })
  active: boolean;

  // Set for the first-start admin (a password printed on a console): every page and API
  // call except changing it and signing out waits until it is changed.
  @Column('boolean', { name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  // Whether each desk notification also goes out by e-mail (the notifications page).
  @Column('boolean', { name: 'notify_by_email', default: true })
  notifyByEmail: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'deactivated_at', nullable: true })
  deactivatedAt: Date | null;
}
