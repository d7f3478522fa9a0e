import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A rejected notice that staff found manifestly unfounded (DSA Art. 23(1)): one per case.
// Keyed by the notifier's e-mail, or by the sender organisation whose key filed the notice.
@Entity('misuse_marks')
@Index('idx_misuse_marks_email', ['notifierEmail', 'createdAt'])
@Index('idx_misuse_marks_organisation', ['senderOrganisationId', 'createdAt'])
export class MisuseMark {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_misuse_marks' })
  id: string;

  @Index('uq_misuse_marks_case', { unique: true })
  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('text', { name: 'notifier_email' })
  notifierEmail: string;

  @Column('text', { nullable: true })
  organization: string | null;

  // The sender organisation whose key filed the notice: then counted and suspended by
  // organisation (all its keys), not by e-mail.
  @Column('uuid', { name: 'sender_organisation_id', nullable: true })
  senderOrganisationId: string | null;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'marked_by' })
  markedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
