import { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { Message, MessageState } from './message.entity';

export type NewMessage = Pick<Message, 'caseId' | 'kind' | 'recipientRole' | 'toAddress' | 'subject' | 'body' | 'state'> & { sealedLink?: Buffer | null };

// A message taken for sending (state `sending`, held until claimed_until).
export interface ClaimedMessage {
  id: string;
  caseId: string | null;
  kind: string;
  recipientRole: string;
  toAddress: string;
  subject: string;
  body: string;
  sealedLink: Buffer | null;
  // Counting this one.
  attempts: number;
  // A notifier's address nobody has proven yet (the daily limit applies).
  unverified: boolean;
}

export interface DeliveryOutcome {
  caseId: string | null;
  attempts: number;
  state: MessageState;
}

// At most this many messages a day go to a notifier's address that was never verified.
export const MESSAGES_PER_DAY_UNVERIFIED = 3;

export class MessageRepository {
  constructor(private readonly manager: EntityManager) {}

  // A queued message is due at once: the delivery worker picks it up at its next look.
  async insert(message: NewMessage): Promise<string> {
    const result = await this.manager.insert(Message, { ...message, nextAttemptAt: message.state === 'queued' ? () => 'now()' : null });
    return result.identifiers[0].id as string;
  }

  // Takes up to `limit` due messages — queued and due, or held by an instance whose hold ran
  // out (it crashed while sending) — and marks them `sending` for `leaseSeconds`, counting the
  // attempt. SKIP LOCKED: instances claiming at once take different rows.
  // (Through preparedQuery, which answers an UPDATE's rows as rows; manager.query does not.)
  claimDue(limit: number, leaseSeconds: number): Promise<ClaimedMessage[]> {
    return preparedQuery<ClaimedMessage>(
      this.manager,
      `UPDATE messages m SET state = 'sending', attempts = m.attempts + 1, claimed_until = now() + make_interval(secs => $2)
       FROM (SELECT id FROM messages
             WHERE (state = 'queued' AND next_attempt_at <= now()) OR (state = 'sending' AND claimed_until < now())
             ORDER BY next_attempt_at
             LIMIT $1
             FOR UPDATE SKIP LOCKED) due
       WHERE m.id = due.id
       RETURNING m.id, m.case_id AS "caseId", m.kind, m.recipient_role AS "recipientRole", m.to_address AS "toAddress", m.subject, m.body,
                 m.sealed_link AS "sealedLink", m.attempts,
                 (m.recipient_role = 'notifier' AND NOT EXISTS (
                    SELECT FROM notifiers n WHERE n.email = lower(m.to_address) AND n.email_verified_at IS NOT NULL)) AS unverified`,
      [limit, leaseSeconds],
    );
  }

  // Counts one message to `address` today (UTC), unless today's count has reached `limit`:
  // then false. One statement, so instances counting at once queue on the row.
  async takeDailyQuota(address: string, limit: number): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO message_quotas (address, day, sent) VALUES (lower($1), (now() AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (address, day) DO UPDATE SET sent = message_quotas.sent + 1 WHERE message_quotas.sent < $2
       RETURNING sent`,
      [address, limit],
    );
    return rows.length > 0;
  }

  deleteOldQuotas(): Promise<unknown> {
    return this.manager.query(`DELETE FROM message_quotas WHERE day < (now() AT TIME ZONE 'UTC')::date - 1`);
  }

  // The claimed message is over: sent, given up (failed), never to be sent (suppressed), or
  // queued again for `retryInSeconds`. Only while this claim still holds it (`sending`, this
  // attempt): an instance whose hold ran out and was taken over records nothing. The sealed
  // link is erased unless the message will be tried again.
  async settle(
    id: string,
    attempt: number,
    outcome: { state: 'sent' | 'failed' | 'suppressed' | 'queued'; error: string | null; retryInSeconds?: number },
  ): Promise<DeliveryOutcome | null> {
    const rows = await preparedQuery<DeliveryOutcome>(
      this.manager,
      `UPDATE messages SET state = $3, last_error = $4, claimed_until = NULL,
              sent_at = CASE WHEN $3 = 'sent' THEN now() END,
              next_attempt_at = CASE WHEN $3 = 'queued' THEN now() + make_interval(secs => $5) END,
              sealed_link = CASE WHEN $3 = 'queued' THEN sealed_link END
       WHERE id = $1 AND state = 'sending' AND attempts = $2
       RETURNING case_id AS "caseId", attempts, state`,
      [id, attempt, outcome.state, outcome.error, outcome.retryInSeconds ?? 0],
    );
    return rows[0] ?? null;
  }

  findForCase(caseId: string): Promise<Message[]> {
    return this.manager.find(Message, { where: { caseId }, order: { createdAt: 'ASC' } });
  }

  async isVerifiedAddress(address: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`SELECT FROM notifiers WHERE email = lower($1) AND email_verified_at IS NOT NULL`, [address]);
    return rows.length > 0;
  }
}
