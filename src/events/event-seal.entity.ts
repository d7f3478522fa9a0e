import { Column, Entity, PrimaryColumn } from 'typeorm';

// One sealed batch of the event log: every event written by a transaction with an id in
// [from_tx, to_tx), hashed into a Merkle root and chained to the previous seal. Ids are
// numbered 1, 2, 3... by the sealer, so a deleted seal leaves a visible gap. Append-only
// (a trigger refuses UPDATE, DELETE and TRUNCATE).
@Entity('event_seals')
export class EventSeal {
  @PrimaryColumn('bigint')
  id: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('bigint', { name: 'from_tx' })
  fromTx: string;

  @Column('bigint', { name: 'to_tx' })
  toTx: string;

  @Column('bigint', { name: 'first_event_id' })
  firstEventId: string;

  @Column('bigint', { name: 'last_event_id' })
  lastEventId: string;

  @Column('integer', { name: 'event_count' })
  eventCount: number;

  @Column('bytea', { name: 'root_hash' })
  rootHash: Buffer;

  @Column('bytea', { name: 'previous_hash' })
  previousHash: Buffer;

  @Column('bytea', { name: 'seal_hash' })
  sealHash: Buffer;
}
