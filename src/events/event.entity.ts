import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const EVENT_VISIBILITIES = ['internal', 'notifier', 'author', 'public'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

export const ACTOR_TYPES = ['staff', 'notifier', 'author', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

// Append-only: the case timeline and the audit trail in one table. Rows are written in
// the same transaction as the change they record and never updated; sealing (hash
// batches) reads them later without taking a lock on the write path.
@Entity('events')
@Index('idx_events_case', ['caseId', 'id'])
@Index('idx_events_subject', ['subjectType', 'subjectId'])
@Index('idx_events_tx', ['txId', 'id'])
// The audit log's person and period filters (migration AuditIndexes); TypeORM does not
// model BRIN indexes.
@Index('idx_events_actor', ['actorId', 'id'])
@Index('idx_events_occurred_brin', { synchronize: false })
export class DeskEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;

  @Column('text', { name: 'actor_type' })
  actorType: ActorType;

  @Column('text', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole: string | null;

  @Index('idx_events_action')
  @Column('text')
  action: string;

  @Column('text', { name: 'subject_type' })
  subjectType: string;

  @Column('text', { name: 'subject_id' })
  subjectId: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Index('idx_events_case_reference')
  @Column('text', { name: 'case_reference', nullable: true })
  caseReference: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  changes: FieldChanges;

  @Column('jsonb', { default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column('text')
  visibility: EventVisibility;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  // Truncated (IPv4 /24, IPv6 /48): enough to see abuse patterns, not to identify a person.
  @Column('text', { name: 'client_network', nullable: true })
  clientNetwork: string | null;

  // The writing transaction's id, stamped by a BEFORE INSERT trigger (never by the app):
  // sealing covers whole transactions below the oldest one still running (event-seal.service.ts).
  @Column({ type: 'bigint', name: 'tx_id', insert: false, update: false })
  txId: string;
}
