import { Injectable } from '@nestjs/common';
import type { RequestMeta } from '../common/request-meta';
import { Database, Repositories } from '../database/database.service';
import type { StaffActor } from '../staff/staff-actor';
import { eventHash, GENESIS_HASH, HASH_BYTES, SealRoot, sealHash } from './event-hash';
import type { RecordedEvent, RunKey, StoredSeal } from './event-seal.repository';
import type { Actor } from './event.repository';

// Events read per query, and at most so many runs of entries (small seals, small runs).
const PAGE_EVENTS = 2_000;
const PAGE_RUNS = 200;
const RUN_KEYS_PER_READ = 1_000;
// Connections reading the log at once, on one snapshot: the database's side of the work
// (index lookups, printing every column) then runs on more than one core.
const CONNECTIONS = 2;
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
    const counts = await this.db.readSnapshot(CONNECTIONS, async (txs) => {
      const sealed = await checkSealedLog(txs, problems);
      return { ...sealed, ...(await checkUnrecordedEvents(txs[0], sealed.sealedBelowTx, sealed.sealedEvents, problems)) };
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

// Rows page by page; `needsLoad` says when to await `load()`, so the hot loop stays
// synchronous between pages.
abstract class PageReader<T> {
  private rows: T[] = [];
  private index = 0;
  private done = false;

  get needsLoad(): boolean {
    return this.index >= this.rows.length && !this.done;
  }

  async load(): Promise<void> {
    const rows = await this.nextPage();
    this.rows = rows ?? [];
    this.index = 0;
    this.done = rows === null;
  }

  peek(): T | undefined {
    return this.rows[this.index];
  }

  advance(): void {
    this.index += 1;
  }

  protected abstract nextPage(): Promise<T[] | null>;
}

// Awaited later; until then a failure must not count as unhandled.
function quiet<T>(pending: Promise<T>): Promise<T> {
  pending.catch(() => undefined);
  return pending;
}

// Keyset pages, each asked for as soon as the previous one arrives (the database reads
// the next page while we hash this one).
class KeysetReader<T> extends PageReader<T> {
  private pending: Promise<T[]> | null;

  constructor(
    private readonly fetch: (after: T | null) => Promise<T[]>,
    private readonly isLastPage: (rows: T[]) => boolean,
  ) {
    super();
    this.pending = quiet(fetch(null));
  }

  protected async nextPage(): Promise<T[] | null> {
    if (!this.pending) return null;
    const rows = await this.pending;
    this.pending = this.isLastPage(rows) ? null : quiet(this.fetch(rows[rows.length - 1]));
    return rows;
  }
}

// The recorded events, run by run: the run keys are read ahead (cheap), cut into pages of
// about PAGE_EVENTS events, and the pages are fetched on every snapshot connection at once,
// then handed out in order.
class RecordedEventsReader extends PageReader<RecordedEvent> {
  private readonly pending: Array<Promise<RecordedEvent[]>> = [];
  private keys: Array<RunKey & { events: number }> = [];
  private after: RunKey = { sealId: '0', position: -1 };
  private keysDone = false;
  private turn = 0;

  constructor(private readonly txs: Repositories[]) {
    super();
  }

  protected async nextPage(): Promise<RecordedEvent[] | null> {
    await this.fill();
    const next = this.pending.shift();
    if (!next) return null;
    const rows = await next;
    await this.fill();
    return rows;
  }

  private async fill(): Promise<void> {
    while (this.pending.length < this.txs.length) {
      const page = await this.nextRuns();
      if (!page) return;
      const tx = this.txs[this.turn++ % this.txs.length];
      this.pending.push(quiet(tx.seals.findRecordedEvents(page.first, page.last)));
    }
  }

  private async nextRuns(): Promise<{ first: RunKey; last: RunKey } | null> {
    let events = 0;
    let runs = 0;
    let first: RunKey | null = null;
    let last: RunKey | null = null;
    while (events < PAGE_EVENTS && runs < PAGE_RUNS) {
      if (!this.keys.length && !this.keysDone) {
        this.keys = await this.txs[0].seals.findRunKeys(this.after, RUN_KEYS_PER_READ);
        this.keysDone = this.keys.length < RUN_KEYS_PER_READ;
        if (this.keys.length) this.after = this.keys[this.keys.length - 1];
      }
      const key = this.keys.shift();
      if (!key) break;
      first ??= key;
      last = key;
      events += key.events;
      runs += 1;
    }
    return first && last ? { first, last } : null;
  }
}

const short = (hash: Buffer) => hash.toString('hex').slice(0, 16);

// Ids are non-negative integers without leading zeros: compare them as text.
function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

// The chain of seals, each seal's entries, and the event behind each entry.
async function checkSealedLog(txs: Repositories[], problems: Problems) {
  const [tx] = txs;
  const seals = new KeysetReader<StoredSeal>(
    (after) => tx.seals.findStoredPage(after?.id ?? '0', SEAL_PAGE_SIZE),
    (rows) => rows.length < SEAL_PAGE_SIZE,
  );
  const recorded = new RecordedEventsReader(txs);
  let count = 0;
  let sealedEvents = 0;
  let expectedId = 1n;
  let previous: StoredSeal | null = null;
  const missingSeals = new Set<string>();

  // Entries whose seal does not exist (a deleted seal): reported once per seal.
  const orphan = (entry: RecordedEvent) => {
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

    // Its entries in position order, each with its event as it is now.
    const root = new SealRoot();
    const differences: string[] = [];
    let entryCount = 0;
    let firstEventId: string | null = null;
    let lastEventId: string | null = null;
    let runHashes: Buffer = Buffer.alloc(0);
    for (;;) {
      if (recorded.needsLoad) await recorded.load();
      const entry = recorded.peek();
      if (!entry) break;
      const entrySeal = BigInt(entry.sealId);
      if (entrySeal > id) break;
      recorded.advance();
      if (entrySeal < id) {
        orphan(entry);
        continue;
      }
      if (entry.runHashes) {
        runHashes = entry.runHashes;
        root.add([runHashes]);
        if (entry.position !== entryCount && !differences.length) differences.push(`the entries at positions ${entryCount} to ${entry.position - 1} are missing`);
        entryCount = entry.position;
      }
      entryCount += 1;
      const sealed = runHashes.subarray(entry.index * HASH_BYTES, (entry.index + 1) * HASH_BYTES);
      if (firstEventId === null || compareIds(entry.eventId, firstEventId) < 0) firstEventId = entry.eventId;
      if (lastEventId === null || compareIds(entry.eventId, lastEventId) > 0) lastEventId = entry.eventId;

      if (!entry.event) {
        problems.add({ kind: 'event_missing', eventId: entry.eventId, sealId, detail: `seal ${sealId} records event ${entry.eventId}, which is gone` });
        continue;
      }
      sealedEvents += 1;
      const hash = eventHash(entry.event);
      if (!hash.equals(sealed)) {
        problems.add({
          kind: 'event_altered',
          eventId: entry.eventId,
          sealId,
          detail: `event ${entry.eventId} was changed after seal ${sealId} recorded it: sealed hash ${short(sealed)}…, its content now hashes to ${short(hash)}…`,
        });
      }
    }
    if (root.bytes !== entryCount * HASH_BYTES) differences.push(`its entries hold ${root.bytes / HASH_BYTES} hashes for ${entryCount} events`);
    if (entryCount !== seal.event_count) differences.push(`it records ${seal.event_count} events but has ${entryCount} entries`);
    if (entryCount && firstEventId !== seal.first_event_id) differences.push(`first_event_id is ${seal.first_event_id}, entries start at ${firstEventId}`);
    if (entryCount && lastEventId !== seal.last_event_id) differences.push(`last_event_id is ${seal.last_event_id}, entries end at ${lastEventId}`);
    const recomputedRoot = root.digest();
    if (!recomputedRoot.equals(seal.root_hash)) differences.push(`root_hash is ${short(seal.root_hash)}…, its entries give ${short(recomputedRoot)}…`);
    if (differences.length) problems.add({ kind: 'seal_altered', sealId, detail: `seal ${sealId}: ${differences.join('; ')}` });

    previous = seal;
    expectedId = id + 1n;
  }
  // Entries after the last seal belong to seals that are gone.
  for (;;) {
    if (recorded.needsLoad) await recorded.load();
    const entry = recorded.peek();
    if (!entry) break;
    recorded.advance();
    orphan(entry);
  }
  return { seals: count, sealedEvents, sealedBelowTx: previous?.to_tx ?? '0', lastSealHash: previous?.seal_hash ?? null };
}

// Events that no seal records, and events recorded twice. The last seal's range was
// complete when it was sealed (every transaction below its horizon had finished), so an
// unrecorded event below it was slipped in later. Counting is enough when the log is
// intact; the searches run only when the counts disagree or something else is wrong.
async function checkUnrecordedEvents(tx: Repositories, sealedBelowTx: string, sealedEvents: number, problems: Problems) {
  const { below, above } = await tx.seals.countEventsAround(sealedBelowTx);
  if (below !== sealedEvents || problems.count) {
    const unrecorded = await tx.seals.findUnrecordedBelow(sealedBelowTx, MAX_PROBLEMS);
    for (const event of unrecorded) {
      problems.add({
        kind: 'event_inserted',
        eventId: event.id,
        detail: `event ${event.id} (transaction ${event.tx_id}) lies in the sealed range (transactions below ${sealedBelowTx}), but no seal records it`,
      });
    }
    // Counted, not listed, past the first ones.
    problems.count += Math.max(0, below - sealedEvents - unrecorded.length);
    for (const twice of await tx.seals.findRecordedTwice(MAX_PROBLEMS)) {
      problems.add({ kind: 'seal_altered', eventId: twice.event_id, sealId: twice.seal_ids[1], detail: `event ${twice.event_id} is recorded more than once (seals ${twice.seal_ids.join(', ')})` });
    }
  }
  return { events: below + above, unsealed: above };
}
