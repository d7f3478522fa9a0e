import { DEMO_ARTICLES } from '../../src/articles/demo-articles';
import { bearer, completeNotice, createStaff, fileAccepted, postJson, REMOVAL_REASONS, StaffMember } from '../factories';
import { mapBounded } from '../support/bounded';
import { brokenFilings } from '../support/filing-integrity';
import { startTestApp, TestApp } from '../support/test-app';

// Many editors on the same and on different cases at once: conflicting transitions have
// exactly one winner (the others get 409 and the current case), no update is lost, and
// lock waits never surface as a 5xx (no deadlock, no serialization failure).

const CONTESTED_CASES = 25;
const PARALLEL_CASES = 40;
const RETRY_ROUNDS = 10;
const DEADLOCK_PAIRS = 12;
// The demo articles a decision may remove without a second approver.
const STAFF_MOVES = new Set(['case.start_review', 'case.escalate', 'case.request_info', 'case.decide', 'case.assign']);
const PLAIN_ARTICLES = DEMO_ARTICLES.filter((article) => !article.publicInterest).map((article) => article.url);

interface Answer {
  status: number;
  body: any;
}

describe('concurrent editors', () => {
  let t: TestApp;
  let staff: StaffMember[];
  let editors: StaffMember[];
  let legal: StaffMember[];
  const counts = { requests: 0, conflictsResolved: 0, staleAnswers: 0, contested: 0, parallelTransitions: 0, retriedUpdates: 0, notes: 0, crossedDecisions: 0 };

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' });
    editors = [];
    for (let i = 0; i < 6; i++) editors.push(await createStaff(t, 'editor'));
    legal = [];
    for (let i = 0; i < 4; i++) legal.push(await createStaff(t, 'legal'));
    staff = [...editors, ...legal];
  }, 120_000);

  afterAll(async () => {
    console.log(
      `concurrency: ${counts.requests} staff requests; ${counts.contested} contested cases resolved with exactly one winner ` +
        `(${counts.staleAnswers} stale writers told 409); ${counts.parallelTransitions} transitions on distinct cases in parallel; ` +
        `${counts.retriedUpdates} read-retry updates and ${counts.notes} notes on one case, none lost; ${counts.crossedDecisions} pairs of decisions locking articles in opposite orders`,
    );
    await t?.close();
  });

  const getCase = async (reference: string, who: StaffMember = editors[0]) => {
    const response = await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(who.token) });
    expect(response.status).toBe(200);
    return response.json();
  };
  const act = async (reference: string, body: Record<string, unknown>, who: StaffMember): Promise<Answer> => {
    counts.requests += 1;
    const response = await postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
    const text = await response.text();
    if (response.status >= 500) throw new Error(`${body.action} on ${reference} → ${response.status}: ${text}`);
    return { status: response.status, body: JSON.parse(text) };
  };
  const staffEvents = async (reference: string): Promise<string[]> => {
    const { rows } = await t.db.pool.query(`SELECT action FROM events WHERE case_reference = $1 AND actor_type = 'staff' AND action LIKE 'case.%' ORDER BY id`, [reference]);
    return rows.map((row) => row.action);
  };

  // Every staff member tries a different move on the same version of the case.
  it('lets exactly one of many conflicting transitions win, for every contested case', async () => {
    for (let round = 0; round < CONTESTED_CASES; round++) {
      const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice(round % 2 ? 'copyright' : 'trademark'));
      const current = await getCase(filed.reference);
      const itemId = current.items[0].id;
      const moves: Array<Record<string, unknown>> = [
        { action: 'start_review' },
        { action: 'escalate', reason: 'A court order may apply.' },
        { action: 'request_info', message: 'Which photograph exactly?' },
        { action: 'decide', items: [{ itemId, action: 'no_action' }], ground: 'not_illegal', reasons: REMOVAL_REASONS },
        { action: 'assign' },
        { action: 'escalate', reason: 'Second opinion needed.' },
        { action: 'decide', items: [{ itemId, action: 'no_action' }], ground: 'insufficient_information', reasons: REMOVAL_REASONS },
        { action: 'start_review' },
      ];
      const attempts = staff.map((who, i) => act(filed.reference, { ...moves[(i + round) % moves.length], version: current.version }, who));
      // The notifier withdraws at the same moment: one more contender.
      const withdrawal = postJson(t.baseUrl, `/api/v1/track/${token}/withdraw`, { confirm: true });
      const answers = await Promise.all(attempts);
      const withdrawn = await withdrawal;
      expect(withdrawn.status).toBeLessThan(500);

      const winners = answers.filter((answer) => answer.status === 200);
      const losers = answers.filter((answer) => answer.status !== 200);
      // The notifier may withdraw before or after the staff winner (from most statuses):
      // a withdrawal first leaves every staff member stale.
      const withdrew = withdrawn.status === 200;
      if (!withdrew) expect(withdrawn.status).toBe(409);
      if (withdrew) expect(winners.length).toBeLessThanOrEqual(1);
      else expect(winners).toHaveLength(1);
      for (const loser of losers) expect(loser).toMatchObject({ status: 409, body: { code: 'stale_version', case: { reference: filed.reference } } });

      const after = await getCase(filed.reference);
      expect(after.version).toBe(current.version + winners.length + (withdrew ? 1 : 0));
      const events = await staffEvents(filed.reference);
      expect(events.filter((action) => STAFF_MOVES.has(action))).toHaveLength(winners.length);
      if (withdrew) expect(after.status).toBe('withdrawn');
      else expect(after.status).toBe(winners[0].body.status);
      counts.contested += 1;
      counts.staleAnswers += losers.length;
      counts.conflictsResolved += 1;
    }
  }, 240_000);

  it('moves distinct cases in parallel without a refusal', async () => {
    const filed = await mapBounded(Array.from({ length: PARALLEL_CASES }), 8, async () => (await fileAccepted(t.baseUrl, completeNotice('copyright'))).body);
    const answers = await Promise.all(filed.map((notice, i) => act(notice.reference, { action: 'start_review', version: 1 }, editors[i % editors.length])));
    expect(answers.map((answer) => answer.status)).toEqual(filed.map(() => 200));
    // And on to a decision, all at once again.
    const decided = await Promise.all(
      filed.map(async (notice, i) => {
        const current = await getCase(notice.reference);
        return act(
          notice.reference,
          { action: 'decide', version: current.version, items: [{ itemId: current.items[0].id, action: 'no_action' }], ground: 'not_illegal', reasons: REMOVAL_REASONS },
          editors[i % editors.length],
        );
      }),
    );
    expect(decided.map((answer) => answer.status)).toEqual(filed.map(() => 200));
    counts.parallelTransitions += answers.length + decided.length;
  }, 120_000);

  it('loses no update when staff retry after a 409, and none of many notes on one case', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const start = await getCase(filed.reference);
    let applied = 0;
    let conflicts = 0;
    let failed = false;
    // Every legal member takes the case, RETRY_ROUNDS times, reloading the case after every
    // 409: read-modify-write under contention. (Only legal and admin may take a case someone
    // else holds; an editor would be refused with 403.)
    await Promise.all(
      legal.map(async (who) => {
        try {
          for (let round = 0; round < RETRY_ROUNDS && !failed; round++) {
            for (let attempt = 0; !failed; attempt++) {
              if (attempt > 200) throw new Error('a staff member never got through');
              const current = await getCase(filed.reference, who);
              const answer = await act(filed.reference, { action: 'assign', version: current.version }, who);
              if (answer.status === 200) break;
              expect(answer).toMatchObject({ status: 409, body: { code: 'stale_version' } });
              conflicts += 1;
            }
            applied += 1;
          }
        } catch (error) {
          failed = true;
          throw error;
        }
      }),
    );
    const notes = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        counts.requests += 1;
        return postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/notes`, { body: `Note ${i} from the race.` }, bearer(staff[i % staff.length].token));
      }),
    );
    expect(notes.map((response) => response.status).filter((status) => status >= 300)).toEqual([]);

    const after = await getCase(filed.reference);
    expect(after.version).toBe(start.version + applied);
    const events = await staffEvents(filed.reference);
    expect(events.filter((action) => action === 'case.assign')).toHaveLength(applied);
    expect(events.filter((action) => action === 'case.note_added')).toHaveLength(60);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.reference = $1`, [filed.reference]);
    expect(rows[0].n).toBe(60);
    // The last assignment recorded is the one that stands.
    const { rows: last } = await t.db.pool.query(`SELECT actor_id FROM events WHERE case_reference = $1 AND action = 'case.assign' ORDER BY id DESC LIMIT 1`, [filed.reference]);
    expect(after.assignee.id).toBe(last[0].actor_id);
    counts.retriedUpdates += applied;
    counts.staleAnswers += conflicts;
    counts.conflictsResolved += conflicts;
    counts.notes += 60;
  }, 240_000);

  // Two notices naming the same articles in opposite orders, decided at the same moment:
  // each decision locks its articles; taken in item order that is a lock cycle.
  it('decides cases that share articles, in opposite orders, without a deadlock', async () => {
    expect(PLAIN_ARTICLES.length).toBeGreaterThanOrEqual(3);
    for (let pair = 0; pair < DEADLOCK_PAIRS; pair++) {
      const urls = [PLAIN_ARTICLES[pair % PLAIN_ARTICLES.length], PLAIN_ARTICLES[(pair + 1) % PLAIN_ARTICLES.length], PLAIN_ARTICLES[(pair + 2) % PLAIN_ARTICLES.length]];
      const orders = [urls, [...urls].reverse()];
      const cases = await Promise.all(
        orders.map(async (order) => (await fileAccepted(t.baseUrl, { ...completeNotice('copyright'), items: order.map((url) => ({ url })) })).body.reference),
      );
      const current = await Promise.all(cases.map((reference) => getCase(reference)));
      const answers = await Promise.all(
        cases.map((reference, i) =>
          act(
            reference,
            {
              action: 'decide',
              version: current[i].version,
              items: current[i].items.map((item: { id: string }) => ({ itemId: item.id, action: pair % 2 ? 'remove' : 'restrict', territories: ['DE'] })),
              ground: 'copyright_infringement',
              reasons: REMOVAL_REASONS,
            },
            editors[i],
          ),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      counts.crossedDecisions += 1;
    }
  }, 240_000);

  it('leaves every filing whole', async () => {
    expect(await brokenFilings(t.db.pool)).toEqual([]);
  });
});
