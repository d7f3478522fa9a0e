import { Injectable } from '@nestjs/common';
import type { RequestMeta } from '../common/request-meta';
import { Database, Repositories } from '../database/database.service';
import type { StaffActor } from '../staff/staff-actor';
import { eventHash, GENESIS_HASH, SealRoot, sealHash } from './event-hash';
import type { EntryWithEvent, StoredSeal } from './event-seal.repository';
import type { Actor } from './event.repository';

const PAGE_SIZE = 5_000;
const SEAL_PAGE_SIZE = 1_000;
// Enough to see the shape of a tampering; the count says how many there were in all.
const MAX_PROBLEMS = 100;

export type VerificationProblemKind = 'event_altered' | 'event_missing' | 'event_inserted' | 'seal_altered' | 'chain_broken' | 'order';

export interface VerificationProblem {
  kind: VerificationProblemKind;
  eventId?: string;
  sealId?: string;
  detail: string;
}

export interface VerificationReport {
  ok: boolean;
  // Rows read, in one consistent snapshot.
  events: number;
  seals: number;
  sealedEvents: number;
  unsealed: number;
  // Hex; publish it elsewhere to pin the whole chain up to now.
  lastSealHash: string | null;
  // In seal order (a seal's own problems before its events'), then events no seal records.
  firstProblem?: VerificationProblem;
  problems: VerificationProblem[];
  problemCount: number;
  verifiedAt: string;
  durationMs: number;
}

// Recomputes the whole log over one snapshot, streaming:
// 1. seals in id order: each seal's hash, its link to the previous seal, its transaction
//    range; then its entries in order, each with its event: the event's hash against the
//    one the seal recorded (or the event is gone), and the seal's root over the entries;
// 2. events that no entry records: below the last seal's horizon they were slipped in
//    (that range was complete when sealed); above it they are not sealed yet.
// Memory stays at a page or two whatever the size of the log. Each run is itself an event.
@Injectable()
export class EventVerifier {
  constructor(private readonly db: Database) {}

  async verify(actor: Actor | StaffActor, meta?: Pick<RequestMeta, 'requestId' | 'network'>): Promise<VerificationReport> {
    const started = process.hrtime.bigint();
    const problems = new Problems();
    const counts = await this.db.readSnapshot(async (tx) => {
      const sealed = await checkSealedLog(tx, problems);
      const unrecorded = await checkUnrecordedEvents(tx, sealed.sealedBelowTx, problems);
      return { ...sealed, ...unrecorded, events: sealed.sealedEvents + unrecorded.unsealed + unrecorded.inserted };
    });
    const report: VerificationReport = {
      ok: problems.count === 0,
      events: counts.events,
      seals: counts.seals,
      sealedEvents: counts.sealedEvents,
      unsealed: counts.unsealed,
      lastSealHash: counts.lastSealHash?.toString('hex') ?? null,
      ...(problems.first && { firstProblem: problems.first }),
      problems: problems.list,
      problemCount: problems.count,
      verifiedAt: new Date().toISOString(),
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
    };
    await this.db.transaction((tx) =>
      tx.events.append({
        actor: eventActor(actor),
        action: 'events.verified',
        subject: { type: 'event_log', id: 'events' },
        data: {
          ok: report.ok,
          events: report.events,
          seals: report.seals,
          unsealed: report.unsealed,
          problemCount: report.problemCount,
          firstProblem: report.firstProblem ?? null,
          lastSealHash: report.lastSealHash,
          durationMs: report.durationMs,
        },
        visibility: 'internal',
        requestId: meta?.requestId ?? null,
        clientNetwork: meta?.network ?? null,
      }),
    );
    return report;
  }
}

function eventActor(actor: Actor | StaffActor): Actor {
  return 'type' in actor ? actor : { type: 'staff', id: actor.id, role: actor.role };
}

class Problems {
  readonly list: VerificationProblem[] = [];
  count = 0;

  get first(): VerificationProblem | undefined {
    return this.list[0];
  }

  add(problem: VerificationProblem): void {
    this.count += 1;
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
  }
}

// Keyset pages read one ahead: the database fetches the next page while we hash this one.
class PagedReader<T> {
  private rows: T[] = [];
  private index = 0;
  private next: Promise<T[]> | null;

  constructor(
    private readonly fetch: (after: T | null) => Promise<T[]>,
    private readonly pageSize: number,
  ) {
    this.next = this.prefetch(null);
  }

  get needsLoad(): boolean {
    return this.index >= this.rows.length && this.next !== null;
  }

  async load(): Promise<void> {
    const rows = await this.next!;
    this.rows = rows;
    this.index = 0;
    this.next = rows.length < this.pageSize ? null : this.prefetch(rows[rows.length - 1]);
  }

  peek(): T | undefined {
    return this.rows[this.index];
  }

  advance(): void {
    this.index += 1;
  }

  private prefetch(after: T | null): Promise<T[]> {
    const pending = this.fetch(after);
    // Awaited later; until then a failure must not count as unhandled.
    pending.catch(() => undefined);
    return pending;
  }
}

const short = (hash: Buffer) => hash.toString('hex').slice(0, 16);

// The chain of seals, each seal's entries, and the event behind each entry.
async function checkSealedLog(tx: Repositories, problems: Problems) {
  const seals = new PagedReader<StoredSeal>((after) => tx.seals.findStoredPage(after?.id ?? '0', SEAL_PAGE_SIZE), SEAL_PAGE_SIZE);
  const entries = new PagedReader<EntryWithEvent>(
    (after) => tx.seals.findEntriesWithEventsPage(after ? { sealId: after.sealId, position: after.position } : { sealId: '0', position: -1 }, PAGE_SIZE),
    PAGE_SIZE,
  );
  let count = 0;
  let sealedEvents = 0;
  let expectedId = 1n;
  let previous: StoredSeal | null = null;
  const missingSeals = new Set<string>();

  // Entries whose seal does not exist (a deleted seal): reported once per seal.
  const orphan = (entry: EntryWithEvent) => {
    if (missingSeals.has(entry.sealId)) return;
    missingSeals.add(entry.sealId);
    problems.add({
      kind: 'chain_broken',
      sealId: entry.sealId,
      eventId: entry.eventId,
      detail: `seal ${entry.sealId} is missing, but its entries remain (event ${entry.eventId} among them)`,
    });
  };

  for (;;) {
    if (seals.needsLoad) await seals.load();
    const seal = seals.peek();
    if (!seal) break;
    seals.advance();
    count += 1;
    const id = BigInt(seal.id);
    const sealId = seal.id;

    for (; expectedId < id; expectedId += 1n) {
      missingSeals.add(String(expectedId));
      problems.add({ kind: 'chain_broken', sealId: String(expectedId), detail: `seal ${expectedId} is missing: seal ${sealId} follows seal ${previous?.id ?? 'none'}` });
    }
    const recomputed = sealHash({
      id: seal.id,
      createdAt: seal.created_at,
      fromTx: seal.from_tx,
      toTx: seal.to_tx,
      firstEventId: seal.first_event_id,
      lastEventId: seal.last_event_id,
      eventCount: seal.event_count,
      rootHash: seal.root_hash,
      previousHash: seal.previous_hash,
    });
    if (!recomputed.equals(seal.seal_hash)) {
      problems.add({ kind: 'seal_altered', sealId, detail: `seal ${sealId} no longer matches its hash: stored ${short(seal.seal_hash)}…, recomputed from its fields ${short(recomputed)}…` });
    }
    const expectedPrevious = previous?.seal_hash ?? GENESIS_HASH;
    if (!seal.previous_hash.equals(expectedPrevious)) {
      problems.add({
        kind: 'chain_broken',
        sealId,
        detail: `seal ${sealId} links to ${short(seal.previous_hash)}…, but ${previous ? `seal ${previous.id} hashes to` : 'the first seal must link to'} ${short(expectedPrevious)}…`,
      });
    }
    const expectedFrom = previous?.to_tx ?? '0';
    if (seal.from_tx !== expectedFrom || BigInt(seal.to_tx) <= BigInt(seal.from_tx)) {
      problems.add({ kind: 'order', sealId, detail: `seal ${sealId} covers transactions [${seal.from_tx}, ${seal.to_tx}), but it must start where ${previous ? `seal ${previous.id}` : 'the log'} ended (${expectedFrom})` });
    }

    // Its entries in position order, each with its event.
    const root = new SealRoot();
    const pending: Buffer[] = [];
    let entryCount = 0;
    let firstEventId: bigint | null = null;
    let lastEventId: bigint | null = null;
    let gapAt: number | null = null;
    for (;;) {
      if (entries.needsLoad) {
        root.add(pending.splice(0));
        await entries.load();
      }
      const entry = entries.peek();
      if (!entry) break;
      const entrySeal = BigInt(entry.sealId);
      if (entrySeal > id) break;
      entries.advance();
      if (entrySeal < id) {
        orphan(entry);
        continue;
      }
      if (gapAt === null && entry.position !== entryCount) gapAt = entryCount;
      pending.push(entry.eventHash);
      entryCount += 1;
      const eventId = BigInt(entry.eventId);
      if (firstEventId === null || eventId < firstEventId) firstEventId = eventId;
      if (lastEventId === null || eventId > lastEventId) lastEventId = eventId;

      if (!entry.event) {
        problems.add({ kind: 'event_missing', eventId: entry.eventId, sealId, detail: `seal ${sealId} records event ${entry.eventId}, which is gone` });
        continue;
      }
      sealedEvents += 1;
      const hash = eventHash(entry.event);
      if (!hash.equals(entry.eventHash)) {
        problems.add({
          kind: 'event_altered',
          eventId: entry.eventId,
          sealId,
          detail: `event ${entry.eventId} was changed after seal ${sealId} recorded it: sealed hash ${short(entry.eventHash)}…, its content now hashes to ${short(hash)}…`,
        });
      }
    }
    root.add(pending.splice(0));
    const differences: string[] = [];
    if (gapAt !== null) differences.push(`the entry at position ${gapAt} is missing`);
    if (entryCount !== seal.event_count) differences.push(`it records ${seal.event_count} events but has ${entryCount} entries`);
    if (entryCount && String(firstEventId) !== seal.first_event_id) differences.push(`first_event_id is ${seal.first_event_id}, entries start at ${firstEventId}`);
    if (entryCount && String(lastEventId) !== seal.last_event_id) differences.push(`last_event_id is ${seal.last_event_id}, entries end at ${lastEventId}`);
    const recomputedRoot = root.digest();
    if (!recomputedRoot.equals(seal.root_hash)) differences.push(`root_hash is ${short(seal.root_hash)}…, its entries give ${short(recomputedRoot)}…`);
    if (differences.length) problems.add({ kind: 'seal_altered', sealId, detail: `seal ${sealId}: ${differences.join('; ')}` });

    previous = seal;
    expectedId = id + 1n;
  }
  // Entries after the last seal belong to seals that are gone.
  for (;;) {
    if (entries.needsLoad) await entries.load();
    const entry = entries.peek();
    if (!entry) break;
    entries.advance();
    orphan(entry);
  }
  return { seals: count, sealedEvents, sealedBelowTx: previous?.to_tx ?? '0', lastSealHash: previous?.seal_hash ?? null };
}

// Events that no seal records. The last seal's range was complete when it was sealed (every
// transaction below its horizon had finished), so one there was slipped in afterwards.
async function checkUnrecordedEvents(tx: Repositories, sealedBelowTx: string, problems: Problems) {
  const found = await tx.seals.findEventsWithoutEntry(sealedBelowTx, MAX_PROBLEMS);
  for (const event of found.insertedIds) {
    problems.add({
      kind: 'event_inserted',
      eventId: event.id,
      detail: `event ${event.id} (transaction ${event.tx_id}) lies in the sealed range (transactions below ${sealedBelowTx}), but no seal records it`,
    });
  }
  // Counted, not listed, past the first ones.
  problems.count += Math.max(0, found.inserted - found.insertedIds.length);
  return { unsealed: found.unsealed, inserted: found.inserted };
}
