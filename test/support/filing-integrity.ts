// What a filing leaves in the database, checked as a whole: the notice, its items, its
// case, the filing events (notice.filed, case.opened, message.recorded) and the receipt.
// A crash, a refused request or a race must never leave part of one.

type Queryable = { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> };

export interface FilingRecord {
  reference: string;
  noticeId: string;
  status: string;
  items: number;
  trackingTokenHash: Buffer;
}

// Every filing that is not whole, described in a line each; [] when all are.
export async function brokenFilings(db: Queryable): Promise<string[]> {
  const { rows } = await db.query(`
    SELECT n.id AS notice_id, c.reference, nf.id AS notifier_id,
           (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = n.id) AS items,
           (SELECT count(DISTINCT i.position)::int FROM notice_items i WHERE i.notice_id = n.id) AS positions,
           (SELECT coalesce(max(i.position), -1) FROM notice_items i WHERE i.notice_id = n.id) AS last_position,
           (SELECT (e.data->>'itemCount')::int FROM events e WHERE e.case_id = c.id AND e.action = 'notice.filed' LIMIT 1) AS filed_items,
           (SELECT count(*)::int FROM events e WHERE e.case_id = c.id AND e.action = 'notice.filed') AS filed_events,
           (SELECT count(*)::int FROM events e WHERE e.case_id = c.id AND e.action = 'case.opened') AS opened_events,
           (SELECT count(*)::int FROM messages m WHERE m.case_id = c.id AND m.kind = 'receipt') AS receipts,
           (SELECT count(*)::int FROM messages m JOIN events e ON e.subject_type = 'message' AND e.subject_id = m.id::text AND e.action = 'message.recorded'
             WHERE m.case_id = c.id AND m.kind = 'receipt') AS receipt_events,
           (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = n.id AND i.position >= coalesce(
             (SELECT (e.data->>'itemCount')::int FROM events e WHERE e.case_id = c.id AND e.action = 'notice.filed' LIMIT 1), 0)) AS supplemented_items,
           (SELECT count(*)::int FROM events e WHERE e.case_id = c.id AND e.action = 'notice.supplemented') AS supplements
    FROM notices n
    LEFT JOIN cases c ON c.notice_id = n.id
    LEFT JOIN notifiers nf ON nf.id = n.notifier_id`);
  const problems: string[] = [];
  for (const row of rows) {
    const name = row.reference ?? `notice ${row.notice_id}`;
    if (!row.reference) problems.push(`${name}: a notice without a case`);
    if (!row.notifier_id) problems.push(`${name}: no notifier row`);
    if (row.filed_events !== 1) problems.push(`${name}: ${row.filed_events} notice.filed events`);
    if (row.opened_events !== 1) problems.push(`${name}: ${row.opened_events} case.opened events`);
    if (row.receipts !== 1) problems.push(`${name}: ${row.receipts} receipt messages`);
    if (row.receipt_events !== 1) problems.push(`${name}: ${row.receipt_events} message.recorded events for its receipt`);
    if (row.positions !== row.items || row.last_position !== row.items - 1) problems.push(`${name}: item positions are not 0..${row.items - 1}`);
    // Items beyond those filed come only from supplements, each with its event.
    if (row.filed_items !== null && row.items !== row.filed_items && !(row.items > row.filed_items && row.supplements > 0)) {
      problems.push(`${name}: ${row.items} items, but the filing recorded ${row.filed_items}`);
    }
  }
  const orphans = await db.query(`
    SELECT 'a case without a notice' AS what, count(*)::int AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM notices n WHERE n.id = c.notice_id)
    UNION ALL SELECT 'items without a notice', count(*)::int FROM notice_items i WHERE NOT EXISTS (SELECT 1 FROM notices n WHERE n.id = i.notice_id)
    UNION ALL SELECT 'notifiers without a notice', count(*)::int FROM notifiers nf WHERE NOT EXISTS (SELECT 1 FROM notices n WHERE n.notifier_id = nf.id)
    UNION ALL SELECT 'filing events of no case', count(*)::int FROM events e
      WHERE e.action IN ('notice.filed', 'case.opened') AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)
    UNION ALL SELECT 'messages of no case', count(*)::int FROM messages m WHERE m.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = m.case_id)
    UNION ALL SELECT 'submission keys of no case', count(*)::int FROM submission_keys k WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = k.case_id)`);
  for (const row of orphans.rows) if (row.n > 0) problems.push(`${row.n} ${row.what}`);
  return problems;
}

// The filing behind each reference (missing ones are absent from the map).
export async function filingsByReference(db: Queryable, references: string[]): Promise<Map<string, FilingRecord>> {
  if (!references.length) return new Map();
  const { rows } = await db.query(
    `SELECT c.reference, n.id AS "noticeId", c.status, n.tracking_token_hash AS "trackingTokenHash",
            (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = n.id) AS items
     FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = ANY($1)`,
    [references],
  );
  return new Map(rows.map((row) => [row.reference, row as FilingRecord]));
}

// Rows a filing writes, for before/after comparisons.
export async function filingCounts(db: Queryable): Promise<{ notices: number; items: number; cases: number; filingEvents: number; receipts: number; notifiers: number }> {
  const { rows } = await db.query(`
    SELECT (SELECT count(*)::int FROM notices) AS notices, (SELECT count(*)::int FROM notice_items) AS items,
           (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM messages WHERE kind = 'receipt') AS receipts,
           (SELECT count(*)::int FROM events WHERE action IN ('notice.filed', 'case.opened')) AS "filingEvents",
           (SELECT count(*)::int FROM notifiers) AS notifiers`);
  return rows[0];
}
