import { types as pgTypes } from 'pg';
import type { CustomTypesConfig, PoolClient } from 'pg';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EventColumns, HASHED_EVENT_COLUMNS } from './event-hash';
import type { EventName } from './event-names';
import { ActorType, DeskEvent, EventVisibility, FieldChanges } from './event.entity';

export interface Actor {
  type: ActorType;
  id: string | null;
  role?: string | null;
}

export interface NewEvent {
  actor: Actor;
  action: EventName;
  subject: { type: string; id: string };
  caseId?: string | null;
  caseReference?: string | null;
  changes?: FieldChanges;
  data?: Record<string, unknown>;
  visibility: EventVisibility;
  requestId?: string | null;
  clientNetwork?: string | null;
}

// A timestamp as hashed: UTC, microseconds, whatever the session's TimeZone or DateStyle.
export const utcText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// The columns of `alias` in hashing order (event-hash.ts).
export const eventColumnsSql = (alias: string): string =>
  HASHED_EVENT_COLUMNS.map((column) => (column === 'occurred_at' ? utcText(`${alias}.${column}`) : `${alias}.${column}`)).join(', ');

// The event hash as PostgreSQL computes it, the twin of eventHash(): array_to_json over an
// array of text writes exactly the text eventText() makes of the same columns (no spaces,
// null as null, strings escaped as JSON.stringify escapes them: \" \\ \b \f \n \r \t, other
// control characters as \u00xx, everything else as it is). The sealer and the verifier use
// it: only hashes (verifying, only counts) cross the wire, and verification hashes on
// parallel workers. The database must be UTF8 (the desk creates its own so). A property
// test holds it equal to eventHash() on hostile text.
export const eventHashSql = (alias: string): string =>
  `sha256(convert_to(array_to_json(ARRAY[${HASHED_EVENT_COLUMNS.map((column) => (column === 'occurred_at' ? utcText(`${alias}.${column}`) : `${alias}.${column}::text`)).join(', ')}])::text, 'UTF8'))`;

const BYTEA_OID = 17;
const asText = (value: string) => value;
// Every value as PostgreSQL prints it, which is what the event text is made of (bytea
// still as a Buffer): no JSON.parse, no Date, no row object on the hot path.
const AS_TEXT = { getTypeParser: (oid: number) => (oid === BYTEA_OID ? pgTypes.getTypeParser(BYTEA_OID) : asText) } as CustomTypesConfig;

// Rows as arrays of text through the transaction's own connection (the hashing paths
// always run in one: the sealer's, or the verifier's snapshot).
export async function queryAsText(manager: EntityManager, text: string, values: unknown[]): Promise<unknown[][]> {
  if (!manager.queryRunner) throw new Error('event text is read inside a transaction');
  const client = (await manager.queryRunner.connect()) as PoolClient;
  const result = await client.query<unknown[]>({ text, values, rowMode: 'array', types: AS_TEXT });
  return result.rows;
}

export interface EventToHash {
  id: string;
  txId: string;
  columns: EventColumns;
}

const ID = HASHED_EVENT_COLUMNS.indexOf('id');
const TX_ID = HASHED_EVENT_COLUMNS.indexOf('tx_id');
const toHash = (row: unknown[]): EventToHash => {
  const columns = row as Array<string | null>;
  return { id: columns[ID]!, txId: columns[TX_ID]!, columns };
};

// Called with every batch appended, in the appending transaction (the staff notifications,
// src/notifications): it must cost nothing for events it has no business with.
export type EventAppendHook = (events: readonly NewEvent[]) => Promise<void>;

export class EventRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly afterAppend: EventAppendHook,
  ) {}

  // Append-only: there is no update or delete here, and a trigger refuses both.
  async append(...events: NewEvent[]): Promise<void> {
    if (!events.length) return;
    await this.manager.insert(
      DeskEvent,
      events.map((event) => ({
        actorType: event.actor.type,
        actorId: event.actor.id,
        actorRole: event.actor.role ?? null,
        action: event.action,
        subjectType: event.subject.type,
        subjectId: event.subject.id,
        caseId: event.caseId ?? null,
        caseReference: event.caseReference ?? null,
        changes: event.changes ?? {},
        data: event.data ?? {},
        visibility: event.visibility,
        requestId: event.requestId ?? null,
        clientNetwork: event.clientNetwork ?? null,
      })) as QueryDeepPartialEntity<DeskEvent>[],
    );
    await this.afterAppend(events);
  }

  findCaseTimeline(caseId: string, visibilities: EventVisibility[]): Promise<DeskEvent[]> {
    return this.manager
      .createQueryBuilder(DeskEvent, 'e')
      .where('e.case_id = :caseId', { caseId })
      .andWhere('e.visibility IN (:...visibilities)', { visibilities })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  countAll(): Promise<number> {
    return this.manager.count(DeskEvent);
  }

  // Events in id order with their columns as text, one page at a time (keyset, no OFFSET):
  // what eventHash(), the reference implementation, takes (tests hold the database's
  // eventHashSql to it; an auditor's own tool would read the same).
  async findToHashPage(afterId: string, limit: number): Promise<EventToHash[]> {
    const rows = await queryAsText(this.manager, `SELECT ${eventColumnsSql('e')} FROM events e WHERE e.id > $1 ORDER BY e.id LIMIT $2`, [afterId, limit]);
    return rows.map(toHash);
  }

  // The sealer reads the hashes of events of finished transactions in [fromTx, belowTx), in
  // (tx_id, id) order, resuming after the last (tx_id, id) it saw (idx_events_tx). The
  // database hashes (eventHashSql): only ids and hashes cross the wire.
  findHashesToSeal(fromTx: string, belowTx: string, after: { txId: string; id: string }, limit: number): Promise<Array<{ id: string; txId: string; hash: Buffer }>> {
    return this.manager.query(
      `SELECT e.id::text AS id, e.tx_id::text AS "txId", ${eventHashSql('e')} AS hash FROM events e
       WHERE e.tx_id >= $1 AND e.tx_id < $2 AND (e.tx_id, e.id) > ($3::bigint, $4::bigint)
       ORDER BY e.tx_id, e.id LIMIT $5`,
      [fromTx, belowTx, after.txId, after.id, limit],
    );
  }
}
