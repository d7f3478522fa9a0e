import { Column, Entity, PrimaryColumn } from 'typeorm';

// The hashes a seal recorded for its events, in runs of up to 1,000 consecutive positions
// of the seal: one row per run keeps what sealing writes (and its WAL, which business
// commits must flush too) to a few bytes per event. Kept so that verification can name the
// exact event that was changed, deleted or slipped in. Append-only.
@Entity('seal_entries')
export class SealEntry {
  @PrimaryColumn('bigint', { name: 'seal_id' })
  sealId: string;

  // The seal position of the run's first event.
  @PrimaryColumn('integer')
  position: number;

  @Column('bigint', { name: 'event_ids', array: true })
  eventIds: string[];

  // SHA-256 event hashes, 32 bytes each, in the order of event_ids.
  @Column('bytea', { name: 'event_hashes' })
  eventHashes: Buffer;
}
