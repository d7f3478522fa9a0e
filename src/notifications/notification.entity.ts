import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Case } from '../cases/case.entity';
import { User } from '../staff/user.entity';

export const NOTIFICATION_KINDS = ['assigned', 'approval_needed', 'notifier_answered', 'clock_due'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

// A note to one staff member about a case: written in the transaction of the event that
// caused it (notification-rules.ts), or by the clock-reminder sweep; read or not.
@Entity('notifications')
@Check('chk_notifications_kind', `"kind" IN ('assigned', 'approval_needed', 'notifier_answered', 'clock_due')`)
@Index('idx_notifications_recipient', ['recipientId', 'id'])
// Partial indexes made by the migration: unread per recipient (the header count) and one
// clock reminder per recipient, case, clock and due time.
@Index('idx_notifications_unread', { synchronize: false })
@Index('uq_notifications_clock', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_notifications' })
  id: string;

  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_notifications_recipient' })
  recipient: Relation<User>;

  @Column('text')
  kind: NotificationKind;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_notifications_case' })
  case: Relation<Case>;

  @Column('text', { name: 'case_reference', nullable: true })
  caseReference: string | null;

  @Column('text')
  text: string;

  // For clock reminders: which clock and when it falls due.
  @Column('text', { name: 'clock_kind', nullable: true })
  clockKind: string | null;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
