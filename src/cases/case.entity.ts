import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Notice } from '../notices/notice.entity';
import { User } from '../staff/user.entity';

export const CASE_STATUSES = [
  'new',
  'awaiting_info',
  'in_review',
  'escalated',
  'pending_approval',
  'actioned',
  'rejected',
  'counter_noticed',
  'restored',
  'litigation_hold',
  'appealed',
  'withdrawn',
  'duplicate',
  'lapsed',
  'closed',
  // Filed while the sender was suspended for misuse (DSA Art. 23): kept, not processed.
  'held',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['normal', 'high'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

// The unit of work on the desk: one notice opens one case.
@Entity('cases')
// The queue's indexes (migration QueueIndexes). Expression, partial and trigram indexes are
// not modelled by TypeORM: declared here so that the schema check leaves them alone.
@Index('idx_cases_queue', { synchronize: false })
@Index('idx_cases_open_due', { synchronize: false })
// Overdue counts and filters: cases with a running clock (migration CaseClocks).
@Index('idx_cases_next_due', { synchronize: false })
@Index('idx_cases_reference_trgm', { synchronize: false })
@Index('idx_cases_status_received', ['status', 'receivedAt', 'id'])
// The restoration sweep finds counter-noticed cases whose window opened.
@Index('idx_cases_restore_due', ['restoreEarliestAt'])
// The lapse sweep: a partial index over cases waiting for the notifier (made by the migration).
@Index('idx_cases_lapse_due', { synchronize: false })
// Probable duplicates (src/duplicates): the filing's key and the link to an earlier case (partial indexes).
@Index('idx_cases_duplicate_key', { synchronize: false })
@Index('idx_cases_probable_duplicate_of', { synchronize: false })
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_cases_reference', { unique: true })
  @Column('text')
  reference: string;

  @Column('uuid', { name: 'notice_id' })
  noticeId: string;

  @OneToOne(() => Notice)
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'fk_cases_notice' })
  notice: Relation<Notice>;

  @Column('text')
  status: CaseStatus;

  @Column('text', { default: 'normal' })
  priority: CasePriority;

  @Index('idx_cases_assignee')
  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_cases_assignee' })
  assignee: Relation<User> | null;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  // While the case waits for the notifier the review clock stops; what was left of it is
  // kept here and the clock resumes with it.
  @Column('integer', { name: 'sla_remaining_seconds', nullable: true })
  slaRemainingSeconds: number | null;

  // Set when the notifier answers, cleared when staff next act: the queue shows it.
  @Column('timestamptz', { name: 'notifier_replied_at', nullable: true })
  notifierRepliedAt: Date | null;

  // After a complete counter-notice: the material returns between these instants
  // (business days 10 and 14, §512(g)(2)(C)) unless a court action is reported first.
  @Column('timestamptz', { name: 'restore_earliest_at', nullable: true })
  restoreEarliestAt: Date | null;

  @Column('timestamptz', { name: 'restore_latest_at', nullable: true })
  restoreLatestAt: Date | null;

  // While awaiting_info: when the curable notice lapses (computeClock('curable_lapse')).
  @Column('timestamptz', { name: 'lapse_due_at', nullable: true })
  lapseDueAt: Date | null;

  // GDPR Art. 12(3) on a privacy notice: the answer is due one month from receipt, or three
  // once legal extended it (extend_gdpr_deadline, at most once, reasons sent to the person).
  @Column('timestamptz', { name: 'gdpr_due_at', nullable: true })
  gdprDueAt: Date | null;

  @Column('timestamptz', { name: 'gdpr_extended_at', nullable: true })
  gdprExtendedAt: Date | null;

  // SI 2013/3028 on a defamation notice: the author is to be contacted within 48 working
  // hours; once contact is recorded, the author's 5 days to answer run instead.
  @Column('timestamptz', { name: 'defamation_contact_due_at', nullable: true })
  defamationContactDueAt: Date | null;

  @Column('timestamptz', { name: 'author_contacted_at', nullable: true })
  authorContactedAt: Date | null;

  @Column('timestamptz', { name: 'defamation_answer_due_at', nullable: true })
  defamationAnswerDueAt: Date | null;

  // The nearest running clock and its name (a ClockName), for the queue. Kept by the
  // trigger cases_next_due (migration CaseClocks) in the statement that changes a clock:
  // never written by the app.
  @Column('timestamptz', { name: 'next_due_at', nullable: true })
  nextDueAt: Date | null;

  @Column('text', { name: 'next_due_kind', nullable: true })
  nextDueKind: string | null;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  // Same sender, same URLs, same claimed work (src/duplicates/duplicate-key.ts).
  @Column('bytea', { name: 'duplicate_key', nullable: true })
  duplicateKey: Buffer | null;

  // The earlier open case this one probably repeats, and what staff made of it.
  @Column('uuid', { name: 'probable_duplicate_of', nullable: true })
  probableDuplicateOf: string | null;

  @Column('text', { name: 'duplicate_link', nullable: true })
  duplicateLink: 'open' | 'kept_apart' | 'merged' | null;

  // Optimistic locking: every transition names the version it read.
  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
