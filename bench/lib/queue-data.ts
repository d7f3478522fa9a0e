import type { Client } from 'pg';

// Generates a desk at scale straight in PostgreSQL (INSERT ... SELECT generate_series, in
// chunks of cases, each chunk one transaction): notifiers, articles, notices with their
// notifier as filed (jsonb), notice_items, cases and their events, in the real schema.
// At scale 1: 1,000,000 cases, 3,000,000 items, 10,000,000 events.
//
// Shape: three years of filings, one every ~95 s; the last two weeks mostly still open,
// older cases mostly settled (a few stragglers stay open). 1–5 URLs per notice (3 on
// average), 70 % of them on one of the publisher's articles; 6–14 events per case (10 on
// average). Ids are random-looking (md5 of a name) like gen_random_uuid ones, but
// computable, so the tables can be filled without joins.

export interface QueueDataPlan {
  cases: number;
  notifiers: number;
  articles: number;
  chunk: number;
}

export interface QueueDataStats {
  cases: number;
  items: number;
  events: number;
  openCases: number;
  seconds: number;
  rebuildSeconds: number;
  vacuumSeconds: number;
}

export function planFor(scale: number): QueueDataPlan {
  const cases = Math.max(1_000, Math.round(1_000_000 * scale));
  return {
    cases,
    notifiers: Math.max(100, Math.round(10_000 * scale)),
    articles: Math.max(100, Math.round(20_000 * scale)),
    chunk: Math.min(50_000, Math.max(1_000, Math.round(cases / 20))),
  };
}

const FIRST = [
  'Anna',
  'Ben',
  'Chiara',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Liam',
  'Maja',
  'Nikos',
  'Olga',
  'Pedro',
  'Qiu',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wim',
  'Xenia',
  'Yusuf',
  'Zoe',
  'Marta',
  'Lucas',
  'Aiko',
  'Priya',
];
const LAST = [
  'Kowalczyk',
  'Okafor',
  'Nakamura',
  'Lindqvist',
  'Moreau',
  'Rossi',
  'Schneider',
  'Haddad',
  'Fernandes',
  'Novak',
  'Petrov',
  'Jensen',
  'Murphy',
  'Garcia',
  'Tanaka',
  'Mensah',
  'Dubois',
  'Horvat',
  'Ivanova',
  'Kaplan',
  'Larsen',
  'Mwangi',
  'Nilsson',
  'Oliveira',
  'Popescu',
  'Quintero',
  'Rahman',
  'Silva',
  'Toivonen',
  'Weber',
];
const ORGS = [
  'Photo Rights Agency',
  'Stock Images Ltd',
  'Music Publishers Guild',
  'Film Distribution SA',
  'News Photo Pool',
  'Brand Protection GmbH',
  'Sports Media Rights',
  'Archive Licensing',
  'Broadcast Clips Inc',
  'Authors Collective',
];
const DOMAINS = ['example.org', 'example.net', 'mail.example.com', 'rights.example', 'agency.example.co.uk', 'studio.example.de'];
const WORDS = [
  'harbour',
  'strike',
  'talks',
  'resume',
  'election',
  'budget',
  'flood',
  'festival',
  'court',
  'ruling',
  'minister',
  'resigns',
  'storm',
  'warning',
  'market',
  'rally',
  'summit',
  'opens',
  'border',
  'crossing',
  'vaccine',
  'trial',
  'airport',
  'expansion',
  'protest',
  'school',
  'reform',
  'bridge',
  'collapse',
  'energy',
  'prices',
  'drought',
  'rescue',
  'mission',
  'transfer',
  'record',
  'museum',
  'heist',
  'railway',
  'delays',
];
const SITES = [
  'mirror-news.example.net',
  'copy-paste.example',
  'aggregator.example.com',
  'feedreader.example.org',
  'clipfarm.example.net',
  'scrape.example.io',
  'newsdump.example.biz',
  'reposter.example',
];
const ACTIONS = [
  'notice.filed',
  'case.opened',
  'message.recorded',
  'case.assigned',
  'case.review_started',
  'case.note_added',
  'case.info_requested',
  'notice.supplemented',
  'decision.recorded',
  'case.decided',
  'article.state_changed',
  'message.recorded',
  'message.sent',
  'case.closed',
];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

export async function generateQueueData(client: Client, plan: QueueDataPlan, staffId: string | null, progress: (line: string) => void): Promise<QueueDataStats> {
  const started = performance.now();
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET work_mem = '256MB'`);

  progress(`queue data: ${plan.notifiers.toLocaleString('en-GB')} notifiers, ${plan.articles.toLocaleString('en-GB')} articles`);
  await client.query(
    `INSERT INTO notifiers (id, email, name, organization, kind, created_at)
     SELECT md5('bench-notifier-' || k)::uuid,
            lower(f) || '.' || lower(l) || '.' || k || '@' || d,
            f || ' ' || l,
            CASE WHEN k % 3 = 0 THEN NULL ELSE o || ' ' || (k % 97) END,
            CASE k % 3 WHEN 0 THEN 'individual' WHEN 1 THEN 'rights_holder' ELSE 'agent' END,
            now() - interval '3 years'
     FROM generate_series(1, $1::int) k,
          LATERAL (SELECT (${sqlArray(FIRST)})[1 + abs(hashint4(k)) % ${FIRST.length}] AS f, (${sqlArray(LAST)})[1 + abs(hashint4(k + 7)) % ${LAST.length}] AS l,
                          (${sqlArray(ORGS)})[1 + k % ${ORGS.length}] AS o, (${sqlArray(DOMAINS)})[1 + k % ${DOMAINS.length}] AS d) names`,
    [plan.notifiers],
  );
  await client.query(
    `CREATE TEMP TABLE bench_articles ON COMMIT PRESERVE ROWS AS
     SELECT a, md5('bench-article-' || a)::uuid AS id,
            'https://freelanews.com/' || to_char(day, 'YYYY/MM/DD') || '/' || slug || '/' AS url,
            'https://freelanews.com/' || to_char(day, 'YYYY/MM/DD') || '/' || slug AS normalized_url,
            slug, initcap(replace(slug, '-', ' ')) AS title, day
     FROM generate_series(1, $1::int) a,
          LATERAL (SELECT date '2022-06-01' + (a % 1300) AS day,
                          w[1 + a % 40] || '-' || w[1 + (a / 40) % 40] || '-' || w[1 + (a / 1600) % 40] || '-' || a AS slug
                   FROM (SELECT ${sqlArray(WORDS)} AS w) words) derived`,
    [plan.articles],
  );
  await client.query(`ALTER TABLE bench_articles ADD PRIMARY KEY (a)`);
  await client.query(
    `INSERT INTO articles (id, canonical_url, normalized_url, slug, title, byline, section, published_at, body, state, created_at)
     SELECT id, url, normalized_url, slug, title, 'Staff reporter', 'news', day, 'Body of ' || title || '.', 'live', day FROM bench_articles`,
  );

  // One row per case with everything its rows are derived from.
  const { rows: seqRows } = await client.query(`SELECT nextval('case_reference_seq')::bigint AS base`);
  const base = Number(seqRows[0].base);
  await client.query(
    `CREATE TEMP TABLE bench_plan ON COMMIT PRESERVE ROWS AS
     WITH h AS (
       SELECT i, abs(hashint4(i)) AS h1, abs(hashint4(i + 1000000007)) AS h2, abs(hashint4(i + 2000000011)) AS h3,
              now() - make_interval(secs => ($1::int - i)::float8 * (3 * 365 * 86400.0 / $1::int) + abs(hashint4(i + 17)) % 90) AS received_at
       FROM generate_series(1, $1::int) i
     ), s AS (
       SELECT h.*,
              CASE
                WHEN (received_at > now() - interval '14 days' AND h1 % 100 < 85) OR h1 % 1000 < 3 THEN
                  CASE WHEN h2 % 100 < 40 THEN 'new' WHEN h2 % 100 < 60 THEN 'awaiting_info' WHEN h2 % 100 < 85 THEN 'in_review'
                       WHEN h2 % 100 < 95 THEN 'escalated' ELSE 'pending_approval' END
                ELSE
                  CASE WHEN h2 % 1000 < 550 THEN 'closed' WHEN h2 % 1000 < 700 THEN 'actioned' WHEN h2 % 1000 < 820 THEN 'rejected'
                       WHEN h2 % 1000 < 880 THEN 'withdrawn' WHEN h2 % 1000 < 910 THEN 'duplicate' WHEN h2 % 1000 < 940 THEN 'lapsed'
                       WHEN h2 % 1000 < 960 THEN 'restored' WHEN h2 % 1000 < 975 THEN 'counter_noticed' WHEN h2 % 1000 < 980 THEN 'litigation_hold'
                       ELSE 'appealed' END
              END AS status,
              CASE WHEN h3 % 100 < 70 THEN 'copyright' WHEN h3 % 100 < 80 THEN 'trademark' WHEN h3 % 100 < 90 THEN 'defamation'
                   WHEN h3 % 100 < 97 THEN 'privacy' ELSE 'other' END AS type,
              CASE WHEN h1 % 20 = 0 THEN 'high' ELSE 'normal' END AS priority
       FROM h
     )
     SELECT i, md5('bench-case-' || i)::uuid AS case_id, md5('bench-notice-' || i)::uuid AS notice_id,
            -- TD-<year>-<at least 6 digits> (src/cases/case-reference.ts); lpad alone would cut longer numbers.
            'TD-' || extract(year FROM received_at)::int || '-' || lpad(($2::bigint + i)::text, greatest(6, length(($2::bigint + i)::text)), '0') AS reference,
            received_at, status, type, priority,
            CASE WHEN status IN ('new', 'in_review', 'escalated', 'pending_approval')
                 THEN received_at + make_interval(hours => CASE WHEN priority = 'high' THEN 24 WHEN type = 'copyright' THEN 72 ELSE 168 END) END AS due_at,
            CASE WHEN status = 'awaiting_info' THEN 86400 + h1 % 86400 END AS sla_remaining_seconds,
            -- A curable notice lapses 14 days after the request (its nearest clock while waiting).
            CASE WHEN status = 'awaiting_info' THEN received_at + interval '14 days' END AS lapse_due_at,
            CASE WHEN status IN ('in_review', 'escalated', 'pending_approval') THEN $3::uuid END AS assignee_id,
            CASE WHEN status IN ('new', 'in_review') AND h2 % 10 = 0 THEN received_at + interval '1 day' END AS notifier_replied_at,
            1 + floor($4::int * power((h1 % 1000003) / 1000003.0, 3))::int AS notifier_k,
            1 + h2 % 5 AS item_count, 6 + h3 % 9 AS event_count, 1 + h3 % 7 AS version,
            CASE WHEN h1 % 10 < 6 THEN 'api' ELSE 'form' END AS channel
     FROM s`,
    [plan.cases, base - 1, staffId, plan.notifiers],
  );
  await client.query(`ALTER TABLE bench_plan ADD PRIMARY KEY (i)`);
  await client.query(`SELECT setval('case_reference_seq', $1::bigint)`, [base - 1 + plan.cases]);

  // Bulk load: the big tables' keys and indexes are dropped and built again afterwards
  // (from their definitions in the catalog, so whatever migrations made them comes back
  // the same), which is several times faster than growing random-key indexes row by row.
  const saved = await dropKeysAndIndexes(client, BIG_TABLES);
  let items = 0;
  let events = 0;
  for (let lo = 1; lo <= plan.cases; lo += plan.chunk) {
    const hi = Math.min(plan.cases, lo + plan.chunk - 1);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO notices (id, type, channel, notifier_id, notifier, principal_name, work_description, work_original_urls, explanation,
         statements, attestations, signature, jurisdiction, language, details, completeness, tracking_token_hash, client_ip, user_agent, received_at)
       SELECT p.notice_id, p.type, p.channel, md5('bench-notifier-' || p.notifier_k)::uuid,
              jsonb_build_object('name', n.name, 'email', n.email, 'organization', n.organization, 'kind', n.kind,
                                 'address', (p.i % 300) || ' High Street, London', 'phone', '+44 20 7946 ' || lpad((p.i % 10000)::text, 4, '0'), 'country', 'GB'),
              CASE WHEN n.kind = 'agent' THEN n.organization END,
              CASE WHEN p.type = 'copyright' THEN 'Photograph no. ' || p.i || ' from our archive' END,
              CASE WHEN p.type = 'copyright' THEN '["https://archive.example.org/photo/' || p.i || '"]' ELSE '[]' END::jsonb,
              'The article uses material without permission (notice ' || p.i || ').',
              '{"goodFaith": true, "accuracy": true, "authority": true}'::jsonb,
              '[{"key": "statements.goodFaith", "text": "I have a good faith belief that the use is not authorised.", "accepted": true}]'::jsonb,
              n.name, 'GB', 'en', '{}'::jsonb,
              CASE WHEN p.status = 'awaiting_info'
                   THEN '{"complete": false, "missing": [{"code": "signature", "field": "signature", "message": "Sign the notice."}], "dmcaState": "curable"}'
                   ELSE '{"complete": true, "missing": [], "dmcaState": "valid"}' END::jsonb,
              sha256(convert_to('bench-token-' || p.i, 'UTF8')),
              '203.0.113.' || (p.i % 250), 'Mozilla/5.0 (bench)', p.received_at
       FROM bench_plan p JOIN notifiers n ON n.id = md5('bench-notifier-' || p.notifier_k)::uuid
       WHERE p.i BETWEEN $1 AND $2`,
      [lo, hi],
    );
    const itemResult = await client.query(
      `INSERT INTO notice_items (id, notice_id, position, url, normalized_url, article_id, match, state, passage)
       SELECT md5('bench-item-' || p.i || '-' || k)::uuid, p.notice_id, k - 1,
              CASE WHEN on_article THEN a.url ELSE 'https://' || (${sqlArray(SITES)})[1 + x % ${SITES.length}] || '/watch/' || p.i || '-' || k || '?utm_source=feed' END,
              CASE WHEN on_article THEN a.normalized_url ELSE 'https://' || (${sqlArray(SITES)})[1 + x % ${SITES.length}] || '/watch/' || p.i || '-' || k END,
              CASE WHEN on_article THEN a.id END,
              CASE WHEN on_article THEN 'article' ELSE 'other_site' END,
              CASE WHEN NOT on_article THEN 'out_of_scope' WHEN p.status = 'actioned' THEN 'removed'
                   WHEN p.status IN ('new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval') THEN 'pending' ELSE 'no_action' END,
              CASE WHEN k = 1 THEN 'The second paragraph reproduces our photograph.' END
       FROM bench_plan p
            CROSS JOIN LATERAL generate_series(1, p.item_count) k
            CROSS JOIN LATERAL (SELECT abs(hashint4(p.i * 8 + k)) AS x) r
            CROSS JOIN LATERAL (SELECT r.x % 10 < 7 AS on_article) m
            LEFT JOIN bench_articles a ON a.a = 1 + r.x % $3::int
       WHERE p.i BETWEEN $1 AND $2`,
      [lo, hi, plan.articles],
    );
    items += itemResult.rowCount ?? 0;
    await client.query(
      `INSERT INTO cases (id, reference, notice_id, status, priority, due_at, received_at, version, created_at, updated_at,
         assignee_id, sla_remaining_seconds, notifier_replied_at, lapse_due_at)
       SELECT case_id, reference, notice_id, status, priority, due_at, received_at, version, received_at,
              received_at + make_interval(hours => event_count), assignee_id, sla_remaining_seconds, notifier_replied_at, lapse_due_at
       FROM bench_plan WHERE i BETWEEN $1 AND $2`,
      [lo, hi],
    );
    const eventResult = await client.query(
      `INSERT INTO events (occurred_at, actor_type, actor_id, actor_role, action, subject_type, subject_id, case_id, case_reference,
         changes, data, visibility, request_id, client_network)
       SELECT least(now(), p.received_at + make_interval(mins => (k - 1) * 37)),
              CASE WHEN k <= 2 THEN 'notifier' WHEN k = 3 OR k >= 12 THEN 'system' ELSE 'staff' END,
              CASE WHEN k <= 2 THEN md5('bench-notifier-' || p.notifier_k)::uuid::text WHEN k = 3 OR k >= 12 THEN NULL ELSE $3::text END,
              CASE WHEN k > 3 AND k < 12 THEN 'editor' END,
              a.action,
              CASE WHEN k = 1 THEN 'notice' WHEN a.action LIKE 'message.%' THEN 'message' WHEN a.action LIKE 'decision.%' THEN 'decision' ELSE 'case' END,
              CASE WHEN k = 1 THEN p.notice_id::text ELSE p.case_id::text END,
              p.case_id, p.reference,
              CASE WHEN k = 2 THEN jsonb_build_object('status', jsonb_build_object('before', NULL, 'after', 'new'))
                   WHEN a.action IN ('case.review_started', 'case.decided', 'case.closed') THEN jsonb_build_object('status', jsonb_build_object('before', 'new', 'after', p.status))
                   ELSE '{}'::jsonb END,
              CASE WHEN k = 1 THEN jsonb_build_object('type', p.type, 'channel', p.channel, 'itemCount', p.item_count, 'outOfScope', 0, 'missing', '[]'::jsonb)
                   WHEN a.action LIKE 'message.%' THEN '{"kind": "receipt", "recipientRole": "notifier"}'::jsonb
                   ELSE '{}'::jsonb END,
              CASE WHEN k <= 2 THEN 'notifier' ELSE 'internal' END,
              md5('bench-request-' || p.i || '-' || k), '203.0.113.0/24'
       FROM bench_plan p
            CROSS JOIN LATERAL generate_series(1, p.event_count) k
            CROSS JOIN LATERAL (SELECT (${sqlArray(ACTIONS)})[k] AS action) a
       WHERE p.i BETWEEN $1 AND $2
       ORDER BY 1`,
      [lo, hi, staffId],
    );
    events += eventResult.rowCount ?? 0;
    await client.query('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    progress(
      `queue data: ${hi.toLocaleString('en-GB')} / ${plan.cases.toLocaleString('en-GB')} cases (${Math.round((hi / plan.cases) * 100)} %), ${items.toLocaleString('en-GB')} items, ${events.toLocaleString('en-GB')} events, ${seconds.toFixed(0)} s`,
    );
  }

  const rebuildStarted = performance.now();
  await restoreKeysAndIndexes(client, saved, progress);
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  const { rows: open } = await client.query(`SELECT count(*)::int AS n FROM bench_plan WHERE status IN ('new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval')`);
  await client.query('DROP TABLE bench_plan');
  await client.query('DROP TABLE bench_articles');
  const generatedSeconds = (performance.now() - started) / 1000;

  // What autovacuum would have done by now on a desk that grew to this size: visibility
  // map (index-only scans) and statistics.
  progress('queue data: VACUUM ANALYZE');
  const vacuumStarted = performance.now();
  await client.query('VACUUM (ANALYZE) notifiers, articles, notices, notice_items, cases');
  // The queue never reads events; statistics are enough there (and save a pass over 10 M rows).
  await client.query('ANALYZE events');
  return { cases: plan.cases, items, events, openCases: open[0].n, seconds: generatedSeconds, rebuildSeconds, vacuumSeconds: (performance.now() - vacuumStarted) / 1000 };
}

const BIG_TABLES = ['notices', 'notice_items', 'cases', 'events'];

interface SavedSchema {
  foreignKeys: Array<{ table: string; name: string; def: string }>;
  keys: Array<{ table: string; name: string; def: string }>;
  indexes: Array<{ name: string; def: string }>;
}

async function dropKeysAndIndexes(client: Client, tables: string[]): Promise<SavedSchema> {
  const constraints = (
    await client.query(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def, contype AS type
       FROM pg_constraint
       WHERE contype IN ('p', 'u', 'f') AND (conrelid::regclass::text = ANY($1) OR (contype = 'f' AND confrelid::regclass::text = ANY($1)))`,
      [tables],
    )
  ).rows as Array<{ table: string; name: string; def: string; type: string }>;
  const indexes = (
    await client.query(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index i
       WHERE indrelid::regclass::text = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
      [tables],
    )
  ).rows as Array<{ name: string; def: string }>;
  const saved: SavedSchema = {
    foreignKeys: constraints.filter((c) => c.type === 'f'),
    keys: constraints.filter((c) => c.type !== 'f' && tables.includes(c.table)),
    indexes,
  };
  for (const fk of saved.foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const key of saved.keys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  for (const index of saved.indexes) await client.query(`DROP INDEX ${index.name}`);
  return saved;
}

async function restoreKeysAndIndexes(client: Client, saved: SavedSchema, progress: (line: string) => void): Promise<void> {
  const steps = [
    ...saved.keys.map((key) => ({ label: `${key.table} ${key.name}`, sql: `ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.def}` })),
    ...saved.indexes.map((index) => ({ label: index.name, sql: index.def })),
    ...saved.foreignKeys.map((fk) => ({ label: `${fk.table} ${fk.name}`, sql: `ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.def}` })),
  ];
  for (const [i, step] of steps.entries()) {
    const started = performance.now();
    await client.query(step.sql);
    progress(`queue data: rebuilt ${i + 1} / ${steps.length} keys and indexes (${step.label}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}
