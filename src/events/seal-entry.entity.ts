import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// The hash a seal recorded for one event, at its place in the seal's Merkle tree. Kept so
// that verification can name the exact event that was changed, deleted or slipped in.
// The unique event index also makes sealing an event twice impossible. Append-only.
@Entity('seal_entries')
@Index('uq_seal_entries_event', ['eventId'], { unique: true })
export class SealEntry {
  @PrimaryColumn('bigint', { name: 'seal_id' })
  sealId: string;

  @PrimaryColumn('integer')
  position: number;

  @Column('bigint', { name: 'event_id' })
  eventId: string;

  @Column('bytea', { name: 'event_hash' })
  eventHash: Buffer;
}
