import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../staff/user.entity';
import type { BulkAction } from './dto/bulk.dto';

// A case's line on the page: its reference, the status the single action answered, and the sentence.
export interface BulkRunLine {
  reference: string;
  status: number;
  message: string;
}

// What one post of the queue's bulk form did, case by case, kept so that its page is a GET
// (POST /desk/bulk answers 303 to /desk/bulk/<id>): refreshing it shows it again instead of
// offering to send the form twice. Only the staff member who sent it reads it. Each case's
// own event stays the record; this is the page.
@Entity('bulk_runs')
@Index('idx_bulk_runs_actor', ['actorId', 'createdAt'])
export class BulkRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bulk_runs' })
  id: string;

  @Column('uuid', { name: 'actor_id' })
  actorId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_bulk_runs_actor' })
  actor: Relation<User>;

  @Column('text')
  action: BulkAction;

  @Column('jsonb')
  results: BulkRunLine[];

  // The queue's query string the form was sent from ("Back to the queue").
  @Column('text', { name: 'queue_query', default: '' })
  queueQuery: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
