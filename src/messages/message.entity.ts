import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// queued → sending (claimed) → sent, or back to queued for a retry, or failed after the
// last attempt; suppressed: never sent (daily limit of an unverified address).
export const MESSAGE_STATES = ['stored', 'queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

// Every message the desk sent or would have sent, with its full text: part of the legal
// record. Without SMTP_URL a message is only stored (state `stored`).
@Entity('messages')
@Index('idx_messages_case', ['caseId', 'createdAt'])
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('text')
  kind: string;

  @Column('text', { name: 'recipient_role' })
  recipientRole: 'notifier' | 'author' | 'staff';

  @Column('text', { name: 'to_address', nullable: true })
  toAddress: string | null;

  @Column('text')
  subject: string;

  @Column('text')
  body: string;

  @Index('idx_messages_state')
  @Column('text')
  state: MessageState;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  // When a queued message is next due (now, on writing; later after a failed attempt).
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  // A message in `sending` is held by the instance sending it until then; past it, another
  // instance may take it again (the first one crashed).
  @Column('timestamptz', { name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  // The secret the sent text carries and the stored body withholds (the tracking link),
  // sealed with a key outside the database (LinkSealer); erased once sent or given up.
  @Column('bytea', { name: 'sealed_link', nullable: true })
  sealedLink: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
