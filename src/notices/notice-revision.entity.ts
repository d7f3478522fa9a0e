import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Notice } from './notice.entity';

// The notice as it stood before each correction by the notifier: revision 1 is the notice
// as filed. The notice row holds the current text; these rows keep every earlier one, so the
// original is never lost (the event log names the fields each correction changed).
@Entity('notice_revisions')
@Index('uq_notice_revisions_number', ['noticeId', 'revision'], { unique: true })
export class NoticeRevision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notice_revisions' })
  id: string;

  @Column('uuid', { name: 'notice_id' })
  noticeId: string;

  @ManyToOne(() => Notice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'fk_notice_revisions_notice' })
  notice: Relation<Notice>;

  @Column('integer')
  revision: number;

  // The notice's fields and its items (url, passage, reason) as they were.
  @Column('jsonb')
  snapshot: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
