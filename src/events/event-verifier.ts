import { Injectable } from '@nestjs/common';
import type { RequestMeta } from '../common/request-meta';
import { Database, Repositories } from '../database/database.service';
import type { StaffActor } from '../staff/staff-actor';
import { GENESIS_HASH, HASH_BYTES, sealHash, sealRoot } from './event-hash';
import type { StoredEntries, StoredSeal } from './event-seal.repository';
import type { Actor } from './event.repository';

// Seals read per query (and the summaries of their entries).
const SEAL_PAGE_SIZE = 1_000;
// Connections reading the log at once, on one snapshot: one walks the seals and their
// entries, the other has the database check every recorded event (on parallel workers).
const CONNECTIONS = 2;
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

// Recomputes the whole log over one snapshot, streaming, on two connections at once:
// 1. seals in id order: each seal's hash, its link to the previous seal, its transaction
//    range; then its entries, summed up by the database: positions, counts, first and last
//    event, and the root over the hashes they hold;
// 2. meanwhile the database rehashes every recorded event (eventHashSql, the twin of the
//    sealer's eventHash) against the hash its seal recorded, and names the first ones that
//    are gone or differ;
// 3. events that no entry records: below the last seal's horizon they were slipped in
//    (that range was complete when sealed); above it they are not sealed yet.
// Problems are reported in seal order (a seal's own, then its events', then its entries'),
// then the slipped-in events. Memory stays at a page or two whatever the size of the log.
// Each run is itself an event.
@Injectable()
export class EventVerifier {
  constructor(private readonly db: Database) {}

  async verify(actor: Actor | StaffActor, meta?: Pick<RequestMeta, 'requestId' | 'network'>): Promise<VerificationReport> {
    const started = process.hrtime.bigint();
    const problems = new Problems();
    const counts = await this.db.readSnapshot(CONNECTIONS, async ([walk, scan]) => {
      const recorded = quiet(checkRecordedEvents(scan, problems));
      const sealed = await checkSealChain(walk, problems);
      const { present } = await recorded;
      return { ...sealed, sealedEvents: present, ...(await checkUnrecordedEvents(walk, sealed.sealedBelowTx, present, problems)) };
    });
    const report: VerificationReport = {
      ok: problems.count === 0,
      events: counts.events,
      seals: counts.seals,
      sealedEvents: counts.sealedEvents,
      unsealed: counts.unsealed,
      lastSealHash: counts.lastSealHash?.toString('hex') ?? null,
      ...(problems.first && { firstProblem: problems.first }),
      problems: problems.list(),
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

// Where a problem stands in the report: its seal, then its place within the seal (the seal
// itself, then its events by position, then its entries as a whole).
interface ProblemKey {
  sealId: bigint;
  phase: 0 | 1 | 2;
  position: number;
}
const AFTER_EVERY_SEAL = 2n ** 63n;

function compareKeys(a: ProblemKey, b: ProblemKey): number {
  if (a.sealId !== b.sealId) return a.sealId < b.sealId ? -1 : 1;
  return a.phase - b.phase || a.position - b.position;
}

// The first MAX_PROBLEMS problems in report order, whatever order the checks find them in,
// and how many there are in all.
class Problems {
  private kept: Array<{ key: ProblemKey; problem: VerificationProblem }> = [];
  count = 0;

  get first(): VerificationProblem | undefined {
    return this.list()[0];
  }

  add(key: ProblemKey, problem: VerificationProblem): void {
    this.count += 1;
    this.kept.push({ key, problem });
    // Past the first MAX_PROBLEMS in order, a problem can never be listed: drop those.
    if (this.kept.length >= 4 * MAX_PROBLEMS) this.trim();
  }

  list(): VerificationProblem[] {
    this.trim();
    return this.kept.map((entry) => entry.problem);
  }

  private trim(): void {
    this.kept.sort((a, b) => compareKeys(a.key, b.key));
    this.kept.length = Math.min(this.kept.length, MAX_PROBLEMS);
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

const short = (hash: Buffer) => hash.toString('hex').slice(0, 16);
// The root of a seal without entries: SHA-256 of nothing.
const EMPTY_ROOT = sealRoot([]);

// The chain of seals and each seal's entries (not the events: checkRecordedEvents).
async function checkSealChain(tx: Repositories, problems: Problems) {
  const seals = new KeysetReader<StoredSeal>(
    (after) => tx.seals.findStoredPage(after?.id ?? '0', SEAL_PAGE_SIZE),
    (rows) => rows.length < SEAL_PAGE_SIZE,
  );
  const entries = new KeysetReader<StoredEntries>(
    (after) => tx.seals.findEntriesPage(after?.sealId ?? '0', SEAL_PAGE_SIZE),
    (rows) => rows.length < SEAL_PAGE_SIZE,
  );
  let count = 0;
  let expectedId = 1n;
  let previous: StoredSeal | null = null;
  const missingSeals = new Set<string>();

  // Entries whose seal does not exist (a deleted seal): reported once per seal.
  const orphan = (found: StoredEntries) => {
    if (missingSeals.has(found.sealId)) return;
    missingSeals.add(found.sealId);
    problems.add(
      { sealId: BigInt(found.sealId), phase: 0, position: 0 },
      {
        kind: 'chain_broken',
        sealId: found.sealId,
        eventId: found.firstEventId,
        detail: `seal ${found.sealId} is missing, but its entries remain (event ${found.firstEventId} among them)`,
      },
    );
  };

  for (;;) {
    if (seals.needsLoad) await seals.load();
    const seal = seals.peek();
    if (!seal) break;
    seals.advance();
    count += 1;
    const id = BigInt(seal.id);
    const sealId = seal.id;
    const here = { sealId: id, phase: 0, position: 0 } as const;

    for (; expectedId < id; expectedId += 1n) {
      missingSeals.add(String(expectedId));
      problems.add(
        { sealId: expectedId, phase: 0, position: 0 },
        { kind: 'chain_broken', sealId: String(expectedId), detail: `seal ${expectedId} is missing: seal ${sealId} follows seal ${previous?.id ?? 'none'}` },
      );
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
      problems.add(here, {
        kind: 'seal_altered',
        sealId,
        detail: `seal ${sealId} no longer matches its hash: stored ${short(seal.seal_hash)}…, recomputed from its fields ${short(recomputed)}…`,
      });
    }
    const expectedPrevious = previous?.seal_hash ?? GENESIS_HASH;
    if (!seal.previous_hash.equals(expectedPrevious)) {
      problems.add(here, {
        kind: 'chain_broken',
        sealId,
        detail: `seal ${sealId} links to ${short(seal.previous_hash)}…, but ${previous ? `seal ${previous.id} hashes to` : 'the first seal must link to'} ${short(expectedPrevious)}…`,
      });
    }
    const expectedFrom = previous?.to_tx ?? '0';
    if (seal.from_tx !== expectedFrom || BigInt(seal.to_tx) <= BigInt(seal.from_tx)) {
      problems.add(here, {
        kind: 'order',
        sealId,
        detail: `seal ${sealId} covers transactions [${seal.from_tx}, ${seal.to_tx}), but it must start where ${previous ? `seal ${previous.id}` : 'the log'} ended (${expectedFrom})`,
      });
    }

    // Its entries.
    for (;;) {
      if (entries.needsLoad) await entries.load();
      const found = entries.peek();
      if (!found || BigInt(found.sealId) >= id) break;
      entries.advance();
      orphan(found);
    }
    const found = entries.peek();
    const own = found && BigInt(found.sealId) === id ? found : null;
    if (own) entries.advance();
    const differences: string[] = [];
    const entryCount = own?.events ?? 0;
    if (own?.firstGap != null) differences.push(`its entries skip positions before ${own.firstGap}`);
    if (own && own.hashBytes !== own.events * HASH_BYTES) differences.push(`its entries hold ${own.hashBytes / HASH_BYTES} hashes for ${own.events} events`);
    if (entryCount !== seal.event_count) differences.push(`it records ${seal.event_count} events but has ${entryCount} entries`);
    if (own && own.firstEventId !== seal.first_event_id) differences.push(`first_event_id is ${seal.first_event_id}, entries start at ${own.firstEventId}`);
    if (own && own.lastEventId !== seal.last_event_id) differences.push(`last_event_id is ${seal.last_event_id}, entries end at ${own.lastEventId}`);
    const root = own?.root ?? EMPTY_ROOT;
    if (!root.equals(seal.root_hash)) differences.push(`root_hash is ${short(seal.root_hash)}…, its entries give ${short(root)}…`);
    if (differences.length) problems.add({ sealId: id, phase: 2, position: 0 }, { kind: 'seal_altered', sealId, detail: `seal ${sealId}: ${differences.join('; ')}` });

    previous = seal;
    expectedId = id + 1n;
  }
  // Entries after the last seal belong to seals that are gone.
  for (;;) {
    if (entries.needsLoad) await entries.load();
    const found = entries.peek();
    if (!found) break;
    entries.advance();
    orphan(found);
  }
  return { seals: count, sealedBelowTx: previous?.to_tx ?? '0', lastSealHash: previous?.seal_hash ?? null };
}

// Every event an entry records, as it is now, against the hash the entry holds; the
// database does the hashing. When something is wrong, the first ones by seal and position.
async function checkRecordedEvents(tx: Repositories, problems: Problems): Promise<{ present: number }> {
  const { recorded, missing, altered } = await tx.seals.checkRecordedEvents();
  if (missing + altered) {
    const broken = await tx.seals.findBrokenEntries(MAX_PROBLEMS);
    for (const entry of broken) {
      const key = { sealId: BigInt(entry.sealId), phase: 1, position: entry.position } as const;
      if (entry.missing) {
        problems.add(key, { kind: 'event_missing', eventId: entry.eventId, sealId: entry.sealId, detail: `seal ${entry.sealId} records event ${entry.eventId}, which is gone` });
      } else {
        problems.add(key, {
          kind: 'event_altered',
          eventId: entry.eventId,
          sealId: entry.sealId,
          detail: `event ${entry.eventId} was changed after seal ${entry.sealId} recorded it: sealed hash ${short(entry.sealedHash)}…, its content now hashes to ${short(entry.actualHash!)}…`,
        });
      }
    }
    // Counted, not listed, past the first ones.
    problems.count += missing + altered - broken.length;
  }
  return { present: recorded - missing };
}

// Events that no seal records, and events recorded twice. The last seal's range was
// complete when it was sealed (every transaction below its horizon had finished), so an
// unrecorded event below it was slipped in later. Counting is enough when the log is
// intact; the searches run only when the counts disagree or something else is wrong.
async function checkUnrecordedEvents(tx: Repositories, sealedBelowTx: string, sealedEvents: number, problems: Problems) {
  const { below, above } = await tx.seals.countEventsAround(sealedBelowTx);
  if (below !== sealedEvents || problems.count) {
    const unrecorded = await tx.seals.findUnrecordedBelow(sealedBelowTx, MAX_PROBLEMS);
    for (const [i, event] of unrecorded.entries()) {
      problems.add(
        { sealId: AFTER_EVERY_SEAL, phase: 0, position: i },
        {
          kind: 'event_inserted',
          eventId: event.id,
          detail: `event ${event.id} (transaction ${event.tx_id}) lies in the sealed range (transactions below ${sealedBelowTx}), but no seal records it`,
        },
      );
    }
    // Counted, not listed, past the first ones.
    problems.count += Math.max(0, below - sealedEvents - unrecorded.length);
    for (const twice of await tx.seals.findRecordedTwice(MAX_PROBLEMS)) {
      problems.add(
        { sealId: BigInt(twice.seal_ids[1]), phase: 2, position: 0 },
        {
          kind: 'seal_altered',
          eventId: twice.event_id,
          sealId: twice.seal_ids[1],
          detail: `event ${twice.event_id} is recorded more than once (seals ${twice.seal_ids.join(', ')})`,
        },
      );
    }
  }
  return { events: below + above, unsealed: above };
}
