import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A rejected notice that staff found manifestly unfounded (DSA Art. 23(1)): one per case.
// Keyed by the notifier's e-mail; `organization` is the seam for sender organisations
// (src/senders): counted by organisation too once notices name one.
@Entity('misuse_marks')
@Index('idx_misuse_marks_email', ['notifierEmail', 'createdAt'])
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

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'marked_by' })
  markedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
