import type { Client } from 'pg';

// What the transparency report reads beyond the queue's data (bench/lib/queue-data.ts), made
// straight in PostgreSQL from the generated cases: a decision for every settled case (80 %
// of them), with an item decision for every in-scope URL; appeals for appealed cases and a
// few decided ones; counter-notices (with their respond links) for counter-noticed, restored
// and held cases; court actions for held cases; a `case.restored` event for restored ones.
// Decisions come 1 hour to ~10 days after receipt; a few are later reversals on appeal.

export interface ReportDataStats {
  decisions: number;
  decisionItems: number;
  appeals: number;
  counterNotices: number;
  seconds: number;
}

const SETTLED = `('closed', 'actioned', 'rejected', 'restored', 'counter_noticed', 'litigation_hold', 'appealed')`;

export async function generateReportData(client: Client, staffId: string, progress: (line: string) => void): Promise<ReportDataStats> {
  const started = performance.now();
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query('BEGIN');
  progress('report data: decisions');
  const decisions = await client.query(
    `INSERT INTO decisions (id, case_id, decided_by, ground, reasons, public_note, outcome, requires_approval, supersedes_id, created_at)
     SELECT md5('bench-decision-' || c.id)::uuid, c.id, $1::uuid,
            CASE WHEN o.actioned THEN CASE n.type WHEN 'copyright' THEN 'copyright_infringement' WHEN 'trademark' THEN 'trademark_infringement'
                                                   WHEN 'defamation' THEN 'defamation' WHEN 'privacy' THEN 'data_protection' ELSE 'other_illegal_content' END
                 ELSE CASE WHEN h % 3 = 0 THEN 'insufficient_information' ELSE 'not_illegal' END END,
            'Bench decision: the reasons as the editor wrote them.', NULL,
            CASE WHEN o.actioned THEN 'actioned' ELSE 'rejected' END, false, NULL,
            least(now(), c.received_at + make_interval(secs => 3600 + h % (10 * 86400)))
     FROM cases c JOIN notices n ON n.id = c.notice_id
          CROSS JOIN LATERAL (SELECT (hashtext(c.id::text)::bigint & 2147483647) AS h) x
          CROSS JOIN LATERAL (SELECT c.status IN ('actioned', 'restored', 'counter_noticed', 'litigation_hold') OR (c.status IN ('closed', 'appealed') AND x.h % 2 = 0) AS actioned) o
     WHERE c.status IN ${SETTLED}`,
    [staffId],
  );
  progress(`report data: ${decisions.rowCount} decisions; their items`);
  const items = await client.query(
    `INSERT INTO decision_items (decision_id, notice_item_id, action, territories, until, passage)
     SELECT d.id, i.id,
            CASE WHEN d.outcome = 'rejected' THEN 'no_action'
                 ELSE (ARRAY['remove', 'remove', 'remove', 'restrict', 'redact', 'no_action'])[1 + (hashtext(i.id::text || 'action')::bigint & 2147483647) % 6] END,
            CASE WHEN d.outcome = 'actioned' AND (hashtext(i.id::text || 'action')::bigint & 2147483647) % 6 = 3 THEN '["DE", "FR"]' ELSE '[]' END::jsonb, NULL, NULL
     FROM decisions d JOIN cases c ON c.id = d.case_id JOIN notice_items i ON i.notice_id = c.notice_id
     WHERE i.match <> 'other_site' AND i.article_id IS NOT NULL`,
  );
  progress(`report data: ${items.rowCount} decision items; appeals, counter-notices, court actions, restorations`);
  const appeals = await client.query(
    `INSERT INTO appeals (case_id, appellant, decision_id, grounds, status_before, outcome, answer, decided_by, decided_at, created_at)
     SELECT c.id, CASE WHEN d.outcome = 'rejected' THEN 'notifier' ELSE 'author' END, d.id, 'Bench appeal grounds.', CASE d.outcome WHEN 'rejected' THEN 'rejected' ELSE 'actioned' END,
            CASE WHEN c.status = 'appealed' THEN NULL WHEN h % 3 = 0 THEN 'reversed' ELSE 'upheld' END,
            CASE WHEN c.status = 'appealed' THEN NULL ELSE 'Bench answer.' END,
            CASE WHEN c.status = 'appealed' THEN NULL ELSE $1::uuid END,
            CASE WHEN c.status = 'appealed' THEN NULL ELSE least(now(), d.created_at + make_interval(secs => 86400 + h % (20 * 86400))) END,
            least(now(), d.created_at + interval '2 days')
     FROM decisions d JOIN cases c ON c.id = d.case_id CROSS JOIN LATERAL (SELECT (hashtext(d.id::text)::bigint & 2147483647) AS h) x
     WHERE c.status = 'appealed' OR (c.status = 'closed' AND h % 100 < 3)`,
    [staffId],
  );
  await client.query(
    `INSERT INTO respond_links (id, case_id, article_id, token_hash, created_at)
     SELECT md5('bench-respond-' || c.id)::uuid, c.id, i.article_id, sha256(convert_to('bench-respond-' || c.id, 'UTF8')), d.created_at
     FROM cases c JOIN decisions d ON d.case_id = c.id
          CROSS JOIN LATERAL (SELECT article_id FROM notice_items WHERE notice_id = c.notice_id AND article_id IS NOT NULL ORDER BY position LIMIT 1) i
     WHERE c.status IN ('counter_noticed', 'restored', 'litigation_hold')`,
  );
  const counterNotices = await client.query(
    `INSERT INTO counter_notices (case_id, respond_link_id, filing, completeness, received_at)
     SELECT r.case_id, r.id, '{"signature": "Bench Author"}'::jsonb, '{"complete": true, "missing": []}'::jsonb, least(now(), r.created_at + interval '3 days')
     FROM respond_links r WHERE r.id = md5('bench-respond-' || r.case_id)::uuid`,
  );
  await client.query(
    `INSERT INTO court_actions (case_id, court, case_number, filed_on, reported_at)
     SELECT c.id, 'High Court', 'BENCH-' || c.reference, (c.received_at + interval '10 days')::date, least(now(), c.received_at + interval '12 days')
     FROM cases c WHERE c.status = 'litigation_hold'`,
  );
  await client.query(
    `INSERT INTO events (occurred_at, actor_type, action, subject_type, subject_id, case_id, case_reference, data, visibility)
     SELECT least(now(), c.received_at + interval '25 days'), 'system', 'case.restored', 'case', c.id::text, c.id, c.reference, '{"reason": null, "articles": 1}'::jsonb, 'notifier'
     FROM cases c WHERE c.status = 'restored'`,
  );
  await client.query('COMMIT');
  progress('report data: VACUUM ANALYZE');
  await client.query('VACUUM (ANALYZE) decisions, decision_items, appeals, counter_notices, court_actions, respond_links, notices, cases');
  return {
    decisions: decisions.rowCount ?? 0,
    decisionItems: items.rowCount ?? 0,
    appeals: appeals.rowCount ?? 0,
    counterNotices: counterNotices.rowCount ?? 0,
    seconds: (performance.now() - started) / 1000,
  };
}
