import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from './user.entity';

// A personal API token for scripts and integrations; acts with its owner's role. Only its
// SHA-256 is stored; `prefix` lets people recognise a token in a list. A token made with
// another token (`parentTokenId`) never outlives it and is revoked with it; only a token
// made with `canCreateTokens` may make tokens at all.
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_api_tokens_user')
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_api_tokens_user' })
  user: Relation<User>;

  @Column('text')
  name: string;

  @Index('uq_api_tokens_token_hash', { unique: true })
  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column('text')
  prefix: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  // The credential that made it: a session (a person) or a parent token (a script).
  @Column('uuid', { name: 'created_by_session_id', nullable: true })
  createdBySessionId: string | null;

  @Index('idx_api_tokens_parent')
  @Column('uuid', { name: 'parent_token_id', nullable: true })
  parentTokenId: string | null;

  @Column('boolean', { name: 'can_create_tokens', default: false })
  canCreateTokens: boolean;
}
