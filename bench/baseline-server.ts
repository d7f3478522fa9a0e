// The intake baseline: the least a server can do for the same request. Fastify, no
// validation, no transaction, no events or messages: it parses the JSON and INSERTs the
// notice row (the same columns and values the desk writes) with `pg`, then answers 201.
// Run by bench/run.ts as its own process: PORT, DATABASE_URL.
// ROUND_TRIPS=n (a diagnostic beside it): the same INSERT inside a transaction of n
// statements sent one after the other (BEGIN, the INSERT, n - 3 trivial SELECTs, COMMIT),
// i.e. what the desk's filing costs in database round trips alone.
// NOTIFIERS=n (another diagnostic): spread the notices over n senders instead of one (it
// once showed what the stored notice_count, counted at commit, cost one busy sender).
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, application_name: 'desk-bench-baseline' });
  const notifierIds = await upsertNotifiers(pool, Number(process.env.NOTIFIERS ?? 1));
  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });

  app.get('/health', async () => ({ ok: true }));
  const roundTrips = Number(process.env.ROUND_TRIPS ?? 1);
  app.post('/api/v1/notices', async (request, reply) => {
    const body = request.body as Record<string, any>;
    const client = roundTrips > 1 ? await pool.connect() : null;
    const db = client ?? pool;
    if (client) await client.query('BEGIN');
    const { rows } = await db.query(
      `INSERT INTO notices (type, channel, notifier_id, notifier, principal_name, work_description, work_original_urls, explanation,
         statements, attestations, signature, jurisdiction, language, details, completeness, tracking_token_hash, client_ip, user_agent)
       VALUES ($1, 'api', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING id, received_at`,
      [
        body.type,
        notifierIds[Math.floor(Math.random() * notifierIds.length)],
        JSON.stringify(body.notifier),
        body.principal?.name ?? null,
        body.work?.description ?? null,
        JSON.stringify(body.work?.originalUrls ?? []),
        body.explanation ?? null,
        JSON.stringify(body.statements),
        JSON.stringify([]),
        body.signature ?? null,
        body.jurisdiction ?? null,
        body.language ?? null,
        JSON.stringify(body.details ?? {}),
        JSON.stringify({ complete: true, missing: [], dmcaState: 'valid' }),
        randomBytes(32),
        request.ip,
        request.headers['user-agent'] ?? null,
      ],
    );
    if (client) {
      for (let i = 3; i < roundTrips; i++) await client.query('SELECT $1::int AS step', [i]);
      await client.query('COMMIT');
      client.release();
    }
    reply.status(201);
    return { id: rows[0].id, receivedAt: rows[0].received_at };
  });

  await app.listen({ port, host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

async function upsertNotifiers(pool: Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query(
    `INSERT INTO notifiers (email, name, organization, kind)
     SELECT 'baseline-' || n || '@example.org', 'Baseline Sender', NULL, 'rights_holder' FROM generate_series(1, $1::int) n
     ON CONFLICT (email) DO UPDATE SET updated_at = now() RETURNING id`,
    [count],
  );
  return rows.map((row: { id: string }) => row.id);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
