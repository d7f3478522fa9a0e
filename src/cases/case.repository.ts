import type { ArticleOrigin } from '../articles/article-origin';
import { EntityManager } from 'typeorm';
import { mapRaw } from '../database/map-raw';
import type { NoticeType } from '../notices/completeness';
import { Case, CasePriority, CaseStatus } from './case.entity';
import { likePattern, QueueFilters } from './case-queue';
import { OPEN_STATUSES } from './case-workflow';

export interface QueueRow {
  id: string;
  reference: string;
  status: CaseStatus;
  priority: CasePriority;
  version: number;
  dueAt: Date | null;
  // The nearest running clock (cases.next_due_at) and its name.
  nextDueAt: Date | null;
  nextDueKind: string | null;
  receivedAt: Date;
  updatedAt: Date;
  notifierRepliedAt: Date | null;
  type: NoticeType;
  notifierName: string | null;
  notifierEmail: string | null;
  notifierOrganization: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  itemCount: number;
  articleTitle: string | null;
  articleOrigin: ArticleOrigin | null;
  // The first article is marked public interest (four-eyes for taking it out of view).
  articlePublicInterest: boolean;
}

const QUEUE_COLUMNS = `
  c.id, c.reference, c.status, c.priority, c.version, c.due_at AS "dueAt", c.next_due_at AS "nextDueAt", c.next_due_kind AS "nextDueKind", c.received_at AS "receivedAt",
  c.updated_at AS "updatedAt", c.notifier_replied_at AS "notifierRepliedAt", n.type,
  n.notifier->>'name' AS "notifierName", n.notifier->>'email' AS "notifierEmail",
  n.notifier->>'organization' AS "notifierOrganization", c.assignee_id AS "assigneeId", u.name AS "assigneeName",
  (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = n.id) AS "itemCount",
  (SELECT a.origin::text || CASE WHEN a.public_interest THEN ':pi:' ELSE ':' END || a.title FROM notice_items i JOIN articles a ON a.id = i.article_id WHERE i.notice_id = n.id ORDER BY i.position LIMIT 1) AS "firstArticle"`;

// The first matched article's origin, public-interest mark and title come from one lookup,
// as "origin:title" or "origin:pi:title" (an origin has no colon): plain text, not an array
// the driver would have to parse. The row is completed in place; copying it (spread) cost
// more than the query's own parsing.
function queueRow(row: QueueRow & { firstArticle?: string | null }): QueueRow {
  const first = row.firstArticle ?? '';
  const colon = first.indexOf(':');
  const publicInterest = colon > 0 && first.startsWith(':pi:', colon);
  row.articleOrigin = colon > 0 ? (first.slice(0, colon) as ArticleOrigin) : null;
  row.articleTitle = colon > 0 ? first.slice(colon + (publicInterest ? 4 : 1)) : null;
  row.articlePublicInterest = publicInterest;
  return row;
}

// Text search first checks this many cases of the queue, in order, one by one, and up to
// QUEUE_SEARCH_REACH when the term looks common enough to fill a page there (findQueuePage).
const QUEUE_SEARCH_HEAD = 500;
const QUEUE_SEARCH_REACH = 10_000;

export interface NewCase {
  noticeId: string;
  status: CaseStatus;
  priority: CasePriority;
  dueAt: Date | null;
  receivedAt: Date;
  lapseDueAt?: Date | null;
  gdprDueAt?: Date | null;
  defamationContactDueAt?: Date | null;
}

export type CaseFieldUpdate = Partial<
  Pick<
    Case,
    | 'status'
    | 'dueAt'
    | 'priority'
    | 'assigneeId'
    | 'slaRemainingSeconds'
    | 'notifierRepliedAt'
    | 'restoreEarliestAt'
    | 'restoreLatestAt'
    | 'lapseDueAt'
    | 'gdprDueAt'
    | 'gdprExtendedAt'
    | 'defamationContactDueAt'
    | 'authorContactedAt'
    | 'defamationAnswerDueAt'
    | 'probableDuplicateOf'
    | 'duplicateLink'
  >
>;

export class CaseRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { id } });
  }

  findByNoticeId(noticeId: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { noticeId } });
  }

  // Row lock for a change made on the notifier's behalf: serialises it with any other
  // change to the same case without a global lock.
  findByNoticeIdForUpdate(noticeId: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { noticeId }, lock: { mode: 'pessimistic_write' } });
  }

  // The row lock serialises transitions on one case; the version check after it turns a
  // stale read into a 409 instead of a lost update.
  findByReferenceForUpdate(reference: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { reference }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, fields: CaseFieldUpdate): Promise<Case> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Case)
      .set({ ...stoppedClocks(fields), version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .returning('*')
      .execute();
    return mapRaw(this.manager, Case, result.raw[0]);
  }

  async findQueuePage(filters: QueueFilters): Promise<QueueRow[]> {
    return (await this.queuePageRows(filters)).map(queueRow);
  }

  private async queuePageRows(filters: QueueFilters): Promise<QueueRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // One status as an equality: an index on (status, ...) then yields rows already in order.
    if (filters.statuses.length === 1) where.push(`c.status = ${param(filters.statuses[0])}`);
    else if (filters.statuses.length) where.push(`c.status = ANY(${param(filters.statuses)})`);
    if (filters.type) where.push(`n.type = ${param(filters.type)}`);
    if (filters.assigneeId === null) where.push('c.assignee_id IS NULL');
    else if (filters.assigneeId) where.push(`c.assignee_id = ${param(filters.assigneeId)}`);
    if (filters.priority) where.push(`c.priority = ${param(filters.priority)}`);
    // The nearest running clock (next_due_at, kept by a trigger), compared as the queue's
    // order key so that a due filter is a range of the same index.
    const dueKey = `coalesce(c.next_due_at, 'infinity'::timestamptz)`;
    if (filters.overdue === true || filters.due === 'overdue') where.push(`${dueKey} < now()`);
    if (filters.overdue === false) where.push(`${dueKey} >= now()`);
    if (filters.due === '24h') where.push(`${dueKey} < now() + interval '24 hours'`);
    if (filters.due === '7d') where.push(`${dueKey} < now() + interval '7 days'`);
    if (filters.notifier) {
      const p = param(filters.notifier.toLowerCase());
      where.push(`(lower(n.notifier->>'email') = ${p} OR n.notifier_id::text = ${p})`);
    }
    if (filters.articleId) where.push(`EXISTS (SELECT 1 FROM notice_items i WHERE i.notice_id = n.id AND i.article_id = ${param(filters.articleId)})`);
    // Nearest due clock ascending with cases without a running clock last, then id: the
    // same order as coalesce(next_due_at, 'infinity'), which idx_cases_queue and
    // idx_cases_open_due hold, so a page (and a cursor) is a range of the index.
    // The priority lane (trusted flaggers, migration Senders) comes first: both indexes lead with it.
    const lane = `(c.priority <> 'high')`;
    const descending = filters.sort === '-received';
    if (filters.cursor) {
      const { key, id } = filters.cursor;
      if (filters.sort === 'due') {
        where.push(
          `(${lane}, ${dueKey}, c.id) > (${param(filters.cursor.normalLane ?? true)}::boolean, coalesce(${param(key)}::timestamptz, 'infinity'::timestamptz), ${param(id)}::uuid)`,
        );
      } else {
        where.push(`(c.received_at, c.id) ${descending ? '<' : '>'} (${param(key)}, ${param(id)})`);
      }
    }
    const order = filters.sort === 'due' ? `${lane} ASC, ${dueKey} ASC, c.id ASC` : `c.received_at ${descending ? 'DESC' : 'ASC'}, c.id ${descending ? 'DESC' : 'ASC'}`;
    const filterParams = params.slice();
    const limit = param(filters.limit);
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (!filters.q) {
      return this.manager.query(
        `SELECT ${QUEUE_COLUMNS}
         FROM cases c JOIN notices n ON n.id = c.notice_id LEFT JOIN users u ON u.id = c.assignee_id
         ${filtered}
         ORDER BY ${order}
         LIMIT ${limit}`,
        params,
      );
    }
    const pattern = param(likePattern(filters.q));

    // Text search. A common term fills its page from the first cases of the queue, checked
    // one by one in queue order until the page is full (LATERAL ... OFFSET 0 keeps each check
    // a lookup; the head keeps its order, so nothing is sorted and the scan stops early). The
    // head hands over each row's address (ctid) rather than its key, so the check reads the
    // row it has just found instead of looking it up again through the primary key; and the
    // articles whose title matches are found once, through their trigram index, rather than
    // one article per item.
    const direction = descending ? 'DESC' : 'ASC';
    const headKey = filters.sort === 'due' ? `(${lane}, ${dueKey})` : 'c.received_at';
    const checkHead = (manager: EntityManager, from: number, to: number): Promise<QueueRow[]> =>
      manager.query(
        `WITH titled AS MATERIALIZED (SELECT a.id FROM articles a WHERE a.title ILIKE ${pattern})
         SELECT ${QUEUE_COLUMNS}
         FROM (SELECT c.ctid AS case_row, n.ctid AS notice_row, c.id, ${headKey} AS key
               FROM cases c JOIN notices n ON n.id = c.notice_id ${filtered} ORDER BY ${order} LIMIT ${to - from} OFFSET ${from}) head
         CROSS JOIN LATERAL (SELECT * FROM cases c WHERE c.ctid = head.case_row OFFSET 0) c
         CROSS JOIN LATERAL (SELECT * FROM notices n WHERE n.ctid = head.notice_row OFFSET 0) n
         LEFT JOIN LATERAL (SELECT true AS hit FROM notice_items i
                            WHERE i.notice_id = n.id AND (i.url ILIKE ${pattern} OR i.normalized_url ILIKE ${pattern} OR i.article_id IN (SELECT id FROM titled))
                            LIMIT 1) item ON true
         LEFT JOIN LATERAL (SELECT name FROM users WHERE id = c.assignee_id) u ON true
         WHERE c.reference ILIKE ${pattern} OR n.notifier->>'name' ILIKE ${pattern} OR n.notifier->>'email' ILIKE ${pattern} OR item.hit
         ORDER BY head.key ${direction}, head.id ${direction}
         LIMIT ${limit}`,
        params,
      );
    const headSize = async (manager: EntityManager, size: number): Promise<number> =>
      (await manager.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c JOIN notices n ON n.id = c.notice_id ${filtered} LIMIT ${size}) head`, filterParams))[0].n;

    // One snapshot for the steps (REPEATABLE READ): step 2 reads on from where step 1 stopped,
    // which must be the same queue for both. And without parallel workers: starting them
    // costs more than these short ordered scans take (measured at a million cases: 33 ms
    // alone, 92 ms with a worker, for 3,000 cases).
    const fromHead = await this.manager.transaction('REPEATABLE READ', async (tx): Promise<QueueRow[] | null> => {
      await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
      const first = await checkHead(tx, 0, QUEUE_SEARCH_HEAD);
      if (first.length >= filters.limit || (await headSize(tx, QUEUE_SEARCH_HEAD)) < QUEUE_SEARCH_HEAD) return first;
      // The matches among the first cases tell how far to read for a full page: read on to
      // twice that far, when it is not too far.
      const reach = first.length ? Math.ceil(((filters.limit * QUEUE_SEARCH_HEAD) / first.length) * 2) : Infinity;
      if (reach > QUEUE_SEARCH_REACH) return null;
      const further = [...first, ...(await checkHead(tx, QUEUE_SEARCH_HEAD, reach))].slice(0, filters.limit);
      return further.length >= filters.limit || (await headSize(tx, reach)) < reach ? further : null;
    });
    if (fromHead) return fromHead;
    // A rare term: its few cases are found through the trigram indexes (reference, the
    // notifier's name and e-mail as filed, URLs, article titles), then ordered. Name and
    // e-mail, and a URL and its normal form, share an index over both joined by a newline;
    // unless the text itself holds a newline, it cannot match across the two.
    const across = filters.q.includes('\n');
    const either = (a: string, b: string) => (across ? ` AND (${a} ILIKE ${pattern} OR ${b} ILIKE ${pattern})` : '');
    // The index is searched for the term's words, each anywhere, and the whole term is then
    // checked on each row found. Given the whole term, the index would also look for the
    // words' edges (a space before "heist" in "museum-heist"), trigrams shared by every word
    // that starts with the same letter: measured on 3 M URLs, 45 ms to scan the index that
    // way, 18 ms by the words alone, for the same 3,613 rows. `(expression || '')` is the
    // same text under a form no index matches, so the whole term stays out of the index scan.
    // A term without a word of three characters is looked up whole.
    const rareParams = params.slice();
    const words = [...new Set(filters.q.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3))].map((word) => `$${rareParams.push(likePattern(word))}`);
    const matching = (expression: string) =>
      words.length ? `${words.map((word) => `${expression} ILIKE ${word}`).join(' AND ')} AND (${expression} || '') ILIKE ${pattern}` : `${expression} ILIKE ${pattern}`;
    return this.manager.query(
      `SELECT ${QUEUE_COLUMNS}
       FROM cases c JOIN notices n ON n.id = c.notice_id LEFT JOIN users u ON u.id = c.assignee_id
       ${filtered ? `${filtered} AND` : 'WHERE'} c.notice_id IN (
         SELECT rc.notice_id FROM cases rc WHERE ${matching('rc.reference')}
         UNION
         SELECT nn.id FROM notices nn
         WHERE ${matching(`(coalesce(nn.notifier->>'name', '') || E'\\n' || coalesce(nn.notifier->>'email', ''))`)}${either(`nn.notifier->>'name'`, `nn.notifier->>'email'`)}
         UNION
         SELECT i.notice_id FROM notice_items i
         WHERE ${matching(`(i.url || E'\\n' || i.normalized_url)`)}${either('i.url', 'i.normalized_url')}
         UNION
         SELECT ai.notice_id FROM articles a JOIN notice_items ai ON ai.article_id = a.id WHERE ${matching('a.title')})
       ORDER BY ${order}
       LIMIT ${limit}`,
      rareParams,
    );
  }

  // Counts per status from case_status_counts (kept by triggers on cases, one row per
  // status and connection shard), not from counting every case; overdue ones through
  // idx_cases_next_due, which holds only cases with a running clock.
  async countByStatus(): Promise<{ byStatus: Partial<Record<CaseStatus, number>>; overdue: number }> {
    const [row]: Array<{ byStatus: Partial<Record<CaseStatus, number>> | null; overdue: number }> = await this.manager.query(
      `SELECT (SELECT json_object_agg(status, count) FROM (
                 SELECT status, sum(cases)::int AS count FROM case_status_counts GROUP BY status HAVING sum(cases) > 0) counts) AS "byStatus",
              (SELECT count(*)::int FROM cases WHERE next_due_at < now()) AS overdue`,
    );
    return { byStatus: row.byStatus ?? {}, overdue: row.overdue };
  }

  // Staff names for display (assignee, note authors, deciders).
  async findUserNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.manager.query('SELECT id, name FROM users WHERE id = ANY($1)', [unique]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  // Everyone who can hold a case, for the assignee select and for names in the timeline.
  findStaffDirectory(): Promise<Array<{ id: string; name: string; role: string; active: boolean }>> {
    return this.manager.query('SELECT id, name, role, active FROM users ORDER BY lower(name), id');
  }

  async findActiveStaff(id: string): Promise<{ id: string; name: string; role: string } | null> {
    const rows: Array<{ id: string; name: string; role: string }> = await this.manager.query('SELECT id, name, role FROM users WHERE id = $1 AND active', [id]);
    return rows[0] ?? null;
  }

  // The latest effective removal of the article with this slug, while it stays removed.
  async findRemoval(slug: string): Promise<{
    title: string;
    reference: string;
    type: NoticeType;
    removedAt: Date;
    publicNote: string | null;
    notifierKind: string | null;
    organization: string | null;
  } | null> {
    const rows = await this.manager.query(
      `SELECT a.title, c.reference, n.type, d.created_at AS "removedAt", d.public_note AS "publicNote",
              n.notifier->>'kind' AS "notifierKind", n.notifier->>'organization' AS organization,
              coalesce(ap.created_at, d.created_at) AS effective_at
       FROM articles a
       JOIN notice_items i ON i.article_id = a.id
       JOIN decision_items di ON di.notice_item_id = i.id AND di.action = 'remove'
       JOIN decisions d ON d.id = di.decision_id
       LEFT JOIN decision_approvals ap ON ap.decision_id = d.id
       JOIN cases c ON c.id = d.case_id
       JOIN notices n ON n.id = c.notice_id
       WHERE a.slug = $1 AND a.state = 'removed' AND (NOT d.requires_approval OR ap.outcome = 'approved')
       ORDER BY effective_at DESC LIMIT 1`,
      [slug],
    );
    if (rows[0]) rows[0].removedAt = rows[0].effective_at;
    return rows[0] ?? null;
  }

  // One counter-noticed case whose restoration window has opened, locked; cases another
  // instance holds are skipped, so each is restored once however many instances sweep.
  // The next case waiting for the notifier past its lapse instant, locked (SKIP LOCKED).
  async lockNextDueLapse(now: Date): Promise<Case | null> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT id FROM cases WHERE status = 'awaiting_info' AND lapse_due_at IS NOT NULL AND lapse_due_at <= $1
       ORDER BY lapse_due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return rows[0] ? this.findById(rows[0].id) : null;
  }

  async lockNextDueRestoration(now: Date): Promise<Case | null> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT id FROM cases WHERE status = 'counter_noticed' AND restore_earliest_at <= $1
       ORDER BY restore_earliest_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return rows[0] ? this.findById(rows[0].id) : null;
  }

  findByReference(reference: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { reference } });
  }

  // Compare-and-set on `version`: returns the updated case, or null when someone else
  // changed it first (the caller answers 409).
  async updateIfVersion(id: string, version: number, fields: CaseFieldUpdate): Promise<Case | null> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Case)
      .set({ ...stoppedClocks(fields), version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .returning('*')
      .execute();
    if (!result.affected) return null;
    return mapRaw(this.manager, Case, result.raw[0]);
  }
}

// A case that stops waiting for the notifier no longer lapses; one that is decided or
// closed has given its answer (GDPR) and ends the defamation steps. A field the change sets
// itself wins.
function stoppedClocks(fields: CaseFieldUpdate): CaseFieldUpdate {
  if (!fields.status) return fields;
  const stopped: CaseFieldUpdate = {};
  if (fields.status !== 'awaiting_info') stopped.lapseDueAt = null;
  if (!OPEN_STATUSES.includes(fields.status)) Object.assign(stopped, { gdprDueAt: null, defamationContactDueAt: null, defamationAnswerDueAt: null });
  return { ...stopped, ...fields };
}
