import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { NoticeType } from '../notices/completeness';
import { SenderOrganisation } from './sender-organisation.entity';

// A sender organisation's API key (`tds_…`): shown once, only its SHA-256 kept, like the
// staff API tokens. It files only the notice types it allows.
@Entity('sender_keys')
export class SenderKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_sender_keys_organisation')
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => SenderOrganisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_sender_keys_organisation' })
  organisation: Relation<SenderOrganisation>;

  @Column('text')
  name: string;

  @Index('uq_sender_keys_key_hash', { unique: true })
  @Column('bytea', { name: 'key_hash' })
  keyHash: Buffer;

  @Column('text')
  prefix: string;

  @Column('text', { name: 'allowed_types', array: true })
  allowedTypes: NoticeType[];

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
