import type { EventName } from '../events/event-names';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import { PeriodicJob, startPeriodicJob } from '../database/job-queue';
import { MailerService } from './mailer.service';
import { ClaimedMessage, MESSAGES_PER_DAY_UNVERIFIED } from './message.repository';
import { WITHHELD } from './withheld-links';

// Whether this process delivers (the desk) or only queues (the CLI).
export const BACKGROUND_DELIVERY = Symbol('BACKGROUND_DELIVERY');

const BATCH = 20;
const QUEUE = 'message-delivery';
const QUOTA_CLEANUP_MS = 3_600_000;

type Outcome = { state: 'sent' | 'failed' | 'suppressed' | 'queued'; error: string | null; retryInSeconds?: number };

const EVENT_OF: Record<Outcome['state'], EventName> = {
  sent: 'message.sent',
  queued: 'message.retry_scheduled',
  failed: 'message.failed',
  suppressed: 'message.suppressed',
};

// Delivers the outbox (the `messages` rows written in the transactions that caused them).
// A delivery run is a pg-boss job (queue `message-delivery`, like sealing and the due
// clocks): every instance asks for one each MAIL_POLL_MS (at least a second, throttled to
// one run across instances) and once at start, so messages queued or due for a retry while
// the desk was down go out when it is back. After a commit that queued a message, the
// instance also runs one at once (wake), without waiting for the job. A message is claimed
// (state `sending`, in its own committed transaction, SKIP LOCKED) before it is handed to
// SMTP, so runs take different messages and a crash after a commit loses nothing: the next
// run finds the message queued, or held by a claim that has run out. A failed attempt is
// retried after MAIL_RETRY_SECONDS, up to MAIL_MAX_ATTEMPTS.
@Injectable()
export class MessageDelivery implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('message-delivery');
  private job: PeriodicJob | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastCleanup = 0;

  constructor(
    private readonly config: DeskConfig,
    private readonly db: Database,
    private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    @Inject(BACKGROUND_DELIVERY) private readonly background: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.mailer.enabled || !this.background) return;
    // Made (or read) now, not in the middle of a filing.
    void this.mailer.sealer;
    const seconds = this.config.mail.pollMs / 1000;
    const queue = {
      name: QUEUE,
      // Not 'stately': a run left active by an instance killed mid-send would hold the queue's
      // one active place until it expired, and nothing would be delivered until then. Runs
      // may overlap (each claims its own rows, SKIP LOCKED); the throttle keeps them rare.
      policy: 'standard',
      retryLimit: 0,
      // A run that outlives its claims' lease is failed; the claims run out and are taken again.
      expireInSeconds: this.config.mail.leaseSeconds + 60,
      maintenanceIntervalSeconds: 30,
      everySeconds: Math.max(1, Math.ceil(seconds)),
      pollingIntervalSeconds: Math.max(0.5, Math.min(2, seconds)),
      what: 'a delivery run',
    } as const;
    this.job = await startPeriodicJob(this.dataSource, queue, () => this.run(), this.logger);
    // And a run now, whatever the queue holds: what was queued while the desk was down.
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const job = this.job;
    this.job = null;
    await job?.stop();
    await this.running;
  }

  // The job's run: the same one-at-a-time drain as a wake, finished before the job is.
  private async run(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  // Looks for due messages now (after a commit that queued one); one look at a time.
  wake(): void {
    if (!this.mailer.enabled || !this.background || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error({ msg: 'message delivery stopped', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  // Delivers every message that is due, batch by batch.
  async drain(): Promise<void> {
    if (Date.now() - this.lastCleanup > QUOTA_CLEANUP_MS) {
      await this.db.repos.messages.deleteOldQuotas();
      this.lastCleanup = Date.now();
    }
    while (!this.stopped) {
      const claimed = await this.claim();
      if (!claimed.length) return;
      for (const message of claimed) await this.deliver(message);
    }
  }

  // Claims due messages; in the same transaction, a first attempt to an unverified address
  // over its daily limit is settled as suppressed instead.
  private claim(): Promise<ClaimedMessage[]> {
    return this.db.transaction(async (tx) => {
      const claimed = await tx.messages.claimDue(BATCH, this.config.mail.leaseSeconds);
      const kept: ClaimedMessage[] = [];
      for (const message of claimed) {
        if (message.unverified && message.attempts === 1 && !(await tx.messages.takeDailyQuota(message.toAddress, MESSAGES_PER_DAY_UNVERIFIED))) {
          await this.settle(tx, message, { state: 'suppressed', error: `Not sent: ${MESSAGES_PER_DAY_UNVERIFIED} messages today already went to this unverified address.` });
        } else if (message.attempts > this.config.mail.maxAttempts) {
          // Its last attempt was cut short (the instance stopped while sending).
          await this.settle(tx, message, { state: 'failed', error: 'Given up: the last attempt was interrupted.' });
        } else {
          kept.push(message);
        }
      }
      return kept;
    });
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    let outcome: Outcome;
    try {
      await this.mailer.send({ messageId: message.id, to: message.toAddress, subject: message.subject, text: this.textOf(message) });
      outcome = { state: 'sent', error: null };
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      this.logger.warn({ msg: 'message delivery failed', messageId: message.id, attempt: message.attempts, reason });
      const delays = this.config.mail.retrySeconds;
      // The server's permanent refusal (5xx: no such mailbox) is final; anything else (4xx,
      // no connection, a timeout) is tried again.
      const code = (error as { responseCode?: number }).responseCode;
      outcome =
        message.attempts >= this.config.mail.maxAttempts || (code !== undefined && code >= 500)
          ? { state: 'failed', error: reason }
          : { state: 'queued', error: reason, retryInSeconds: delays[Math.min(message.attempts, delays.length) - 1] };
    }
    await this.db.transaction((tx) => this.settle(tx, message, outcome));
  }

  // The text as sent: the stored body with its withheld link put back.
  private textOf(message: ClaimedMessage): string {
    if (!message.sealedLink) return message.body;
    if (!WITHHELD.test(message.body)) throw new Error('the stored text has no place for its link');
    const link = this.mailer.sealer.open(message.sealedLink);
    return message.body.replace(WITHHELD, () => link);
  }

  // The outcome and its event commit together, like any other change.
  private async settle(tx: Repositories, message: ClaimedMessage, outcome: Outcome): Promise<void> {
    const settled = await tx.messages.settle(message.id, message.attempts, outcome);
    if (!settled) return;
    const filed = settled.caseId ? await tx.cases.findById(settled.caseId) : null;
    await tx.events.append({
      actor: { type: 'system', id: 'mailer' },
      action: EVENT_OF[outcome.state],
      subject: { type: 'message', id: message.id },
      caseId: settled.caseId,
      caseReference: filed?.reference ?? null,
      // The claim (queued → sending) has no event of its own: this is the attempt's change.
      changes: { state: { before: 'queued', after: outcome.state } },
      data: { attempts: settled.attempts, error: outcome.error, retryInSeconds: outcome.retryInSeconds ?? null },
      visibility: 'internal',
    });
  }
}
