import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { CompletenessResult, NoticeType } from './completeness';
import { NoticeItem } from './notice-item.entity';
import { Notifier } from './notifier.entity';

export interface NotifierAsFiled {
  name: string | null;
  email: string | null;
  organization: string | null;
  kind: string | null;
  address: string | null;
  phone: string | null;
  country: string | null;
}

// The exact text of each sworn statement shown and whether it was accepted: evidence
// against misrepresentation (DMCA §512(f)).
export interface Attestation {
  key: string;
  text: string;
  accepted: boolean;
}

@Entity('notices')
// Trigram index over the notifier's name and e-mail as filed (queue text search; migration QueueIndexes).
@Index('idx_notices_notifier_trgm', { synchronize: false })
// The transparency report's period scan: a covering index (migration ReportCoveringIndexes).
@Index('idx_notices_report', { synchronize: false })
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  type: NoticeType;

  @Column('text')
  channel: 'form' | 'api';

  @Index('idx_notices_notifier')
  @Column('uuid', { name: 'notifier_id' })
  notifierId: string;

  @ManyToOne(() => Notifier)
  @JoinColumn({ name: 'notifier_id', foreignKeyConstraintName: 'fk_notices_notifier' })
  notifierRecord: Relation<Notifier>;

  // Filed with a sender organisation's key (src/senders), or null.
  @Index('idx_notices_sender_key')
  @Column('uuid', { name: 'sender_key_id', nullable: true })
  senderKeyId: string | null;

  @Column('jsonb')
  notifier: NotifierAsFiled;

  @Column('text', { name: 'principal_name', nullable: true })
  principalName: string | null;

  @Column('text', { name: 'work_description', nullable: true })
  workDescription: string | null;

  @Column('jsonb', { name: 'work_original_urls', default: () => "'[]'" })
  workOriginalUrls: string[];

  @Column('text', { nullable: true })
  explanation: string | null;

  @Column('jsonb')
  statements: { goodFaith: boolean; accuracy: boolean; authority: boolean };

  @Column('jsonb')
  attestations: Attestation[];

  @Column('text', { nullable: true })
  signature: string | null;

  @Column('text', { nullable: true })
  jurisdiction: string | null;

  @Column('text', { nullable: true })
  language: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column('jsonb')
  completeness: CompletenessResult;

  @Index('uq_notices_tracking_token_hash', { unique: true })
  @Column('bytea', { name: 'tracking_token_hash' })
  trackingTokenHash: Buffer;

  // SHA-256 of the code that only the receipt e-mail carries (`?confirm=` on the tracking
  // link): opening it proves the notifier's address. Null when no receipt was sent.
  @Column('bytea', { name: 'email_confirm_hash', nullable: true })
  emailConfirmHash: Buffer | null;

  @Column('timestamptz', { name: 'tracking_token_revoked_at', nullable: true })
  trackingTokenRevokedAt: Date | null;

  @Column('text', { name: 'client_ip', nullable: true })
  clientIp: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  // Stamped by a BEFORE INSERT trigger from the completeness as filed (migration Reports):
  // a supplement later rewrites `completeness`, the transparency report counts this.
  @Column({ type: 'boolean', name: 'incomplete_at_filing', default: false, insert: false, update: false })
  incompleteAtFiling?: boolean;

  @OneToMany(() => NoticeItem, (item) => item.notice)
  items: NoticeItem[];

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
