import { EntityManager } from 'typeorm';
import { ArticleMatch, ArticleMatchRow, articleMatchesSql, toArticleMatches } from '../articles/article.repository';
import type { NewCase } from '../cases/case.repository';
import type { NewEvent } from '../events/event.repository';
import type { NewMessage } from '../messages/message.repository';
import { preparedQuery } from '../database/prepared-query';
import { DEFAMATION_PROCEDURE_ORIGINS } from '../articles/article-origin';
import { OPEN_STATUSES } from '../cases/case-workflow';
import { DUPLICATE_WINDOW_DAYS } from '../duplicates/duplicate-key';
import type { NewNotice, NewNoticeItem } from './notice.repository';

// A filing is written in two statements, not one per row: intake is bound by round trips
// to PostgreSQL (each one a socket write and a wake-up of the other process).
//   1. findFilingGround: the time of receipt, the case number, the sender as known, the
//      articles at the notice's URLs and an earlier use of its submission key.
//   2. writeFiling: the sender, notice, items, case, submission key, receipt and events in
//      one data-modifying statement. One statement is one transaction: all of it commits, or
//      none of it (a key used concurrently fails the whole statement).
// Both are prepared statements (parsed and planned once per connection): a handful of fixed
// texts, which differ only by the sender's case and whether a submission key is kept.

export interface KnownSender {
  id: string;
  name: string;
  organization: string | null;
  kind: string;
  // Whether the sender's address was proven (a confirming link was opened).
  emailVerified: boolean;
  // Until when the sender is suspended for misuse (src/misuse), if they are.
  suspendedUntil: Date | null;
}

// A sender as kept on `notifiers` (keyed by lower-cased e-mail).
export interface SenderDetails {
  email: string | null;
  name: string;
  organization: string | null;
  kind: string;
}

export interface FilingGround {
  receivedAt: Date;
  // The case number, or null when the submission key was used before (nothing is filed).
  sequence: string | null;
  sender: KnownSender | null;
  matches: Map<string, ArticleMatch>;
  submission: { requestHash: Buffer; caseId: string } | null;
  // The earlier open case with the same duplicate key (src/duplicates), if any.
  duplicateOf: { id: string; reference: string } | null;
}

export interface NewFiling {
  sender: SenderDetails;
  knownSender: KnownSender | null;
  notice: Omit<NewNotice, 'notifierId'> & { id: string; receivedAt: Date };
  items: Array<NewNoticeItem & { id: string }>;
  opened: NewCase & { id: string; reference: string; duplicateKey: Buffer | null; probableDuplicateOf: string | null };
  submissionKey: { scope: string; keyHash: Buffer; requestHash: Buffer } | null;
  receipt: NewMessage & { id: string };
  // In order. A notifier's event names the sender as written (a new sender's id exists only
  // once its row does): its actor id is filled in here.
  events: NewEvent[];
}

interface GroundRow {
  receivedAt: Date;
  sequence: string | null;
  senderId: string | null;
  senderName: string | null;
  senderOrganization: string | null;
  senderKind: string | null;
  senderVerified: boolean | null;
  senderSuspendedUntil: Date | null;
  duplicateOf: [string, string] | null;
  requestHash: Buffer | null;
  caseId: string | null;
  matches: ArticleMatchRow[];
}

export class FilingRepository {
  constructor(private readonly manager: EntityManager) {}

  // The case number is taken only when the caller's key is new, so a replay uses none.
  // The probable duplicate is one lookup in the same statement, through idx_cases_duplicate_key.
  async findFilingGround(normalizedUrls: string[], email: string | null, key: { scope: string; hash: Buffer } | null, duplicateKey: Buffer | null): Promise<FilingGround> {
    const rows = await preparedQuery<GroundRow>(
      this.manager,
      `SELECT now() AS "receivedAt",
              CASE WHEN k.case_id IS NULL THEN nextval('case_reference_seq')::text END AS sequence,
              s.id AS "senderId", s.name AS "senderName", s.organization AS "senderOrganization", s.kind AS "senderKind",
              s.email_verified_at IS NOT NULL AS "senderVerified", s.suspended_until AS "senderSuspendedUntil",
              (SELECT ARRAY[d.id::text, d.reference] FROM cases d
               WHERE d.duplicate_key = $5 AND d.received_at >= now() - interval '${DUPLICATE_WINDOW_DAYS} days' AND d.status = ANY('{${OPEN_STATUSES.join(',')}}')
               ORDER BY d.received_at LIMIT 1) AS "duplicateOf",
              k.request_hash AS "requestHash", k.case_id AS "caseId",
              (SELECT coalesce(json_agg(m), '[]') FROM (${articleMatchesSql('$1::text[]')}) m) AS matches
       FROM (SELECT 1) one
       LEFT JOIN notifiers s ON s.email = $2
       LEFT JOIN submission_keys k ON k.key_hash = $3 AND k.scope = $4`,
      [normalizedUrls, email, key?.hash ?? null, key?.scope ?? null, duplicateKey],
    );
    const row = rows[0];
    return {
      receivedAt: row.receivedAt,
      sequence: row.sequence,
      sender: row.senderId
        ? {
            id: row.senderId,
            name: row.senderName!,
            organization: row.senderOrganization,
            kind: row.senderKind!,
            emailVerified: row.senderVerified === true,
            suspendedUntil: row.senderSuspendedUntil,
          }
        : null,
      matches: toArticleMatches(row.matches),
      submission: row.caseId ? { requestHash: row.requestHash!, caseId: row.caseId } : null,
      duplicateOf: row.duplicateOf ? { id: row.duplicateOf[0], reference: row.duplicateOf[1] } : null,
    };
  }

  async writeFiling(filing: NewFiling): Promise<void> {
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const json = (value: unknown) => `${param(JSON.stringify(value))}::jsonb`;
    // Items as arrays, one per column: their text is the notifier's, sent as text (as JSON, a
    // lone surrogate in a URL would be refused by jsonb).
    const column = <T>(items: T[], pick: (item: T) => unknown) => param(items.map(pick));
    const { notice, opened, receipt, submissionKey } = filing;
    const receivedAt = param(notice.receivedAt);
    // The defamation contact clock runs when the notice names a contributor's article (the
    // s.5 operator's procedure: DEFAMATION_PROCEDURE_ORIGINS).
    const articleIds = [...new Set(filing.items.map((item) => item.articleId).filter((id): id is string => !!id))];
    const defamationContact = (due: Date | null) =>
      due && articleIds.length
        ? `(SELECT ${param(due)}::timestamptz WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = ANY(${param(articleIds)}::uuid[]) AND a.origin = ANY(${param(DEFAMATION_PROCEDURE_ORIGINS)}::text[])))`
        : 'NULL::timestamptz';
    const rows = await preparedQuery(
      this.manager,
      `WITH sender AS (${senderSql(filing.sender, filing.knownSender, param)}),
       notice AS (
         INSERT INTO notices (id, type, channel, notifier_id, notifier, sender_key_id, principal_name, work_description, work_original_urls, explanation,
           statements, attestations, signature, jurisdiction, language, details, completeness, tracking_token_hash, email_confirm_hash, client_ip, user_agent, received_at)
         SELECT ${param(notice.id)}::uuid, ${param(notice.type)}, ${param(notice.channel)}, sender.id, ${json(notice.notifier)}, ${param(notice.senderKeyId)}::uuid, ${param(notice.principalName)},
           ${param(notice.workDescription)}, ${json(notice.workOriginalUrls)}, ${param(notice.explanation)}, ${json(notice.statements)},
           ${json(notice.attestations)}, ${param(notice.signature)}, ${param(notice.jurisdiction)}, ${param(notice.language)}, ${json(notice.details)},
           ${json(notice.completeness)}, ${param(notice.trackingTokenHash)}::bytea, ${param(notice.emailConfirmHash)}::bytea, ${param(notice.clientIp)}, ${param(notice.userAgent)}, ${receivedAt}::timestamptz
         FROM sender
         RETURNING id
       ),
       items AS (
         INSERT INTO notice_items (id, notice_id, position, url, normalized_url, article_id, match, state, passage, media, reason)
         SELECT i.id, notice.id, i.position, i.url, i.normalized_url, i.article_id, i.match, i.state, i.passage, i.media, i.reason
         FROM notice, unnest(${column(filing.items, (item) => item.id)}::uuid[], ${column(filing.items, (item) => item.position)}::integer[],
           ${column(filing.items, (item) => item.url)}::text[], ${column(filing.items, (item) => item.normalizedUrl)}::text[],
           ${column(filing.items, (item) => item.articleId)}::uuid[], ${column(filing.items, (item) => item.match)}::text[],
           ${column(filing.items, (item) => item.state)}::text[], ${column(filing.items, (item) => item.passage)}::text[],
           ${column(filing.items, (item) => item.media)}::text[], ${column(filing.items, (item) => item.reason)}::text[])
           AS i(id, position, url, normalized_url, article_id, match, state, passage, media, reason)
       ),
       opened AS (
         INSERT INTO cases (id, reference, notice_id, status, priority, due_at, received_at, lapse_due_at, gdpr_due_at, defamation_contact_due_at,
                            duplicate_key, probable_duplicate_of, duplicate_link)
         SELECT ${param(opened.id)}::uuid, ${param(opened.reference)}, notice.id, ${param(opened.status)}, ${param(opened.priority)},
           ${param(opened.dueAt)}::timestamptz, ${receivedAt}::timestamptz, ${param(opened.lapseDueAt ?? null)}::timestamptz,
           ${param(opened.gdprDueAt ?? null)}::timestamptz, ${defamationContact(opened.defamationContactDueAt ?? null)},
           ${param(opened.duplicateKey)}::bytea, ${param(opened.probableDuplicateOf)}::uuid, CASE WHEN ${param(opened.probableDuplicateOf)}::uuid IS NULL THEN NULL ELSE 'open' END
         FROM notice
         RETURNING id
       ),
       submission AS (
         INSERT INTO submission_keys (key_hash, scope, request_hash, case_id)
         SELECT ${param(submissionKey?.keyHash ?? null)}::bytea, ${param(submissionKey?.scope ?? null)}, ${param(submissionKey?.requestHash ?? null)}::bytea, opened.id
         FROM opened WHERE ${submissionKey ? 'true' : 'false'}
       ),
       receipt AS (
         INSERT INTO messages (id, case_id, kind, recipient_role, to_address, subject, body, state, next_attempt_at, sealed_link)
         SELECT ${param(receipt.id)}::uuid, opened.id, ${param(receipt.kind)}, ${param(receipt.recipientRole)}, ${param(receipt.toAddress)},
           ${param(receipt.subject)}, ${param(receipt.body)}, ${param(receipt.state)}, CASE WHEN ${param(receipt.state)} = 'queued' THEN now() END,
           ${param(receipt.sealedLink ?? null)}::bytea
         FROM opened
       ),
       recorded AS (
         INSERT INTO events (actor_type, actor_id, actor_role, action, subject_type, subject_id, case_id, case_reference, changes, data,
           visibility, request_id, client_network)
         SELECT e.actor_type, CASE WHEN e.actor_type = 'notifier' THEN sender.id::text ELSE e.actor_id END, e.actor_role, e.action,
           e.subject_type, e.subject_id, e.case_id, e.case_reference, e.changes, e.data, e.visibility, e.request_id, e.client_network
         FROM sender, jsonb_to_recordset(${json(filing.events.map(eventRow))})
           AS e(position integer, actor_type text, actor_id text, actor_role text, action text, subject_type text, subject_id text, case_id uuid,
                case_reference text, changes jsonb, data jsonb, visibility text, request_id text, client_network text)
         ORDER BY e.position
       )
       SELECT opened.id FROM opened`,
      values,
    );
    // Every part hangs off the sender row: none means the sender vanished in between.
    if (rows.length !== 1) throw new Error(`filing ${opened.reference} was not written`);
  }
}

// Known and unchanged: no write, so no row lock (many filings of one sender at once do not
// queue on it). Changed details are updated; a new sender is inserted (or, when another
// filing inserted it meanwhile, updated).
function senderSql(sender: SenderDetails, known: KnownSender | null, param: (value: unknown) => string): string {
  if (known) {
    if (known.name === sender.name && known.organization === sender.organization && known.kind === sender.kind) return `SELECT ${param(known.id)}::uuid AS id`;
    return `UPDATE notifiers SET name = ${param(sender.name)}, organization = ${param(sender.organization)}, kind = ${param(sender.kind)}, updated_at = now()
            WHERE id = ${param(known.id)} RETURNING id`;
  }
  const insert = `INSERT INTO notifiers (email, name, organization, kind) VALUES (${param(sender.email)}, ${param(sender.name)}, ${param(sender.organization)}, ${param(sender.kind)})`;
  if (!sender.email) return `${insert} RETURNING id`;
  return `${insert}
          ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, organization = EXCLUDED.organization, kind = EXCLUDED.kind, updated_at = now()
          RETURNING id`;
}

// The columns EventRepository.append writes, with the same defaults.
function eventRow(event: NewEvent, position: number) {
  return {
    position,
    actor_type: event.actor.type,
    actor_id: event.actor.id,
    actor_role: event.actor.role ?? null,
    action: event.action,
    subject_type: event.subject.type,
    subject_id: event.subject.id,
    case_id: event.caseId ?? null,
    case_reference: event.caseReference ?? null,
    changes: event.changes ?? {},
    data: event.data ?? {},
    visibility: event.visibility,
    request_id: event.requestId ?? null,
    client_network: event.clientNetwork ?? null,
  };
}
