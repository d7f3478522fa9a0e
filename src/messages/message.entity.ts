import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_STATES = ['stored', 'queued', 'sent', 'failed'] as const;
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
