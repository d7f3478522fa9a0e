import { Injectable } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import { GENESIS_HASH, SealRoot, sealHash } from './event-hash';
import { EventSeal } from './event-seal.entity';

// Events are read and their entries written in pages of this size, so a seal of any size
// never sits in memory.
const PAGE_SIZE = 5_000;

export interface SealingResult {
  seals: number;
  events: number;
}

interface BatchResult {
  events: number;
  // The batch stopped at the horizon (not at the size cap): what is left is too new.
  reachedHorizon: boolean;
}

// Seals the event log in batches. Business transactions insert events with no lock; each
// event carries the id of the transaction that wrote it (a trigger stamps it). A seal
// covers every event of the transactions in [from_tx, to_tx), where to_tx is at most the
// "horizon": the oldest transaction still running when the sealer looked. Every
// transaction below it has finished, so no event can appear later in a sealed range, however
// out of id order the commits were; a transaction still open is simply sealed next time.
@Injectable()
export class EventSealService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
  ) {}

  // Seals everything that is ready. `wait: false` (the background job) gives up at once
  // when another instance is sealing; by default it waits its turn (the CLI, the audit page).
  async sealPending(options: { wait?: boolean; batchSize?: number } = {}): Promise<SealingResult> {
    const wait = options.wait ?? true;
    const batchSize = options.batchSize ?? this.config.eventLog.sealBatchSize;
    const result: SealingResult = { seals: 0, events: 0 };
    for (;;) {
      const batch = await this.db.transaction((tx) => this.sealBatch(tx, wait, batchSize));
      if (!batch) return result; // another sealer holds the lock
      if (batch.events) {
        result.seals += 1;
        result.events += batch.events;
      }
      if (batch.reachedHorizon) return result;
    }
  }

  // Events older than `seconds` that are still unsealed: /health and the audit page warn.
  unsealedOlderThan(seconds: number): Promise<{ count: number; oldest: Date | null }> {
    return this.db.repos.seals.countUnsealedOlderThan(seconds);
  }

  // The warning to show, or null, with the configured age (UNSEALED_WARNING_SECONDS).
  async unsealedWarning(): Promise<{ count: number; oldest: Date; olderThanSeconds: number; message: string } | null> {
    const olderThanSeconds = this.config.eventLog.unsealedWarningSeconds;
    const { count, oldest } = await this.unsealedOlderThan(olderThanSeconds);
    if (!count || !oldest) return null;
    const message = `${count} event${count === 1 ? ' is' : 's are'} older than ${olderThanSeconds} s and not yet sealed (oldest from ${oldest.toISOString()}).`;
    return { count, oldest, olderThanSeconds, message };
  }

  latestSeals(limit = 20): Promise<EventSeal[]> {
    return this.db.repos.seals.findLatest(limit);
  }

  // One seal, in its own transaction under the sealing lock; null when the lock is taken.
  private async sealBatch(tx: Repositories, wait: boolean, batchSize: number): Promise<BatchResult | null> {
    if (!(await tx.seals.beginSealing(wait))) return null;
    const head = await tx.seals.findHead();
    // Read after the lock: a sealer that just finished is visible, and its horizon is ours at most.
    const { horizon, now } = await tx.seals.readHorizon();
    const fromTx = head?.toTx ?? '0';
    if (BigInt(horizon) <= BigInt(fromTx)) return { events: 0, reachedHorizon: true };

    const sealId = String(BigInt(head?.id ?? '0') + 1n);
    const root = new SealRoot();
    let count = 0;
    let toTx = horizon;
    let firstEventId: bigint | null = null;
    let lastEventId: bigint | null = null;
    let after = { txId: fromTx, id: '0' };
    let capped = false;
    while (!capped) {
      const rows = await tx.events.findHashesToSeal(fromTx, horizon, after, PAGE_SIZE);
      const ids: string[] = [];
      const hashes: Buffer[] = [];
      for (const row of rows) {
        // Close the seal at a transaction boundary: a transaction's events stay together.
        if (count >= batchSize && row.txId !== after.txId) {
          toTx = row.txId;
          capped = true;
          break;
        }
        ids.push(row.id);
        hashes.push(row.hash);
        count += 1;
        const id = BigInt(row.id);
        if (firstEventId === null || id < firstEventId) firstEventId = id;
        if (lastEventId === null || id > lastEventId) lastEventId = id;
        after = { txId: row.txId, id: row.id };
      }
      await tx.seals.insertEntries(sealId, count - ids.length, ids, hashes);
      root.add([Buffer.concat(hashes)]);
      if (rows.length < PAGE_SIZE) break;
    }
    if (!count) return { events: 0, reachedHorizon: true };

    const seal = {
      id: sealId,
      createdAt: now,
      fromTx,
      toTx,
      firstEventId: String(firstEventId),
      lastEventId: String(lastEventId),
      eventCount: count,
      rootHash: root.digest(),
      previousHash: head?.sealHash ?? GENESIS_HASH,
    };
    await tx.seals.insertSeal({ ...seal, sealHash: sealHash(seal) });
    return { events: count, reachedHorizon: !capped };
  }
}
