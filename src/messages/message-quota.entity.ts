import { Column, Entity, PrimaryColumn } from 'typeorm';

// Messages sent to an unverified address per UTC day (at most MESSAGES_PER_DAY_UNVERIFIED),
// counted in PostgreSQL so that every instance sees one count. Rows of past days are
// deleted by the delivery worker.
@Entity('message_quotas')
export class MessageQuota {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_message_quotas' })
  address: string;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'PK_message_quotas' })
  day: string;

  @Column('integer')
  sent: number;
}
