import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { ArticleMatch } from '../articles/article.repository';
import { isPublisherHost, normalizeUrl } from '../articles/url-normalizer';
import { Case, CasePriority } from '../cases/case.entity';
import { formatCaseReference } from '../cases/case-reference';
import { curableLapseDue, legalClocksAtFiling, reviewDueAt } from '../cases/sla';
import { DeskConfig } from '../config/desk-config';
import { newSecretToken, sha256 } from '../common/crypto';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { Database } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import { MailerService } from '../messages/mailer.service';
import { MessageDelivery } from '../messages/message-delivery';
import { receiptMessage, WITHHELD_LINK } from '../messages/receipt-message';
import { checkCompleteness, MissingElement, NoticeDraft } from './completeness';
import { FileNoticeDto } from './dto/file-notice.dto';
import { ItemMatch, ItemState } from './notice-item.entity';
import { NewNoticeItem } from './notice.repository';
import { attestationsFor } from './notice-types';
import { duplicateKey } from '../duplicates/duplicate-key';

export type Channel = 'form' | 'api';

export interface FiledItem {
  id: string;
  position: number;
  url: string;
  normalizedUrl: string;
  articleId: string | null;
  match: ItemMatch;
  state: ItemState;
}

export interface FilingResult {
  caseId: string;
  reference: string;
  status: string;
  missing: MissingElement[];
  dmcaState: string | null;
  items: FiledItem[];
  // Only on the first answer: the desk keeps nothing but its hash.
  trackingToken: string | null;
  trackingUrl: string | null;
  replayed: boolean;
  // Filed while the sender is suspended for misuse: kept on record, not processed, until then.
  heldUntil: Date | null;
}

export interface SubmissionKeyInput {
  key: string;
  // API: the same key with another body is refused. Form: any reuse is a duplicate.
  strict: boolean;
  // Whose key it is: `staff:<user id>` for a caller with a token, `form` for the form's own
  // one-time nonces, null for an anonymous API caller (see submissionKey).
  owner: string | null;
}

// A filing made with a sender organisation's key (src/senders): its notice names the key,
// and a trusted flagger's case goes to the priority lane.
export interface FilingSender {
  keyId: string;
  priority: CasePriority;
  // Until when the organisation is suspended for misuse (src/misuse), if it is.
  misuseSuspendedUntil: Date | null;
}

interface ScopedKey {
  scope: string;
  hash: Buffer;
  requestHash: Buffer;
  strict: boolean;
}

// An anonymous caller's key is scoped to what they sent (the body, the e-mail in it): someone
// who guesses it with another notice files their own, and neither replays nor blocks this one.
function submissionKey(channel: Channel, submission: SubmissionKeyInput, dto: FileNoticeDto, email: string | null): ScopedKey {
  const requestHash = sha256(JSON.stringify(dto));
  const scope = submission.owner ?? `anonymous:${sha256(`${requestHash.toString('hex')}:${email ?? ''}`).toString('hex')}`;
  return { scope, hash: sha256(`${channel}:${submission.key}`), requestHash, strict: submission.strict };
}

const UNIQUE_VIOLATION = '23505';

function latestAfter(moment: Date, ...ends: Array<Date | null | undefined>): Date | null {
  const later = ends.filter((end): end is Date => !!end && end > moment);
  return later.length ? new Date(Math.max(...later.map((end) => end.getTime()))) : null;
}

@Injectable()
export class NoticesService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly mailer: MailerService,
    private readonly delivery: MessageDelivery,
  ) {}

  // Two statements (FilingRepository): what the filing stands on, then the whole filing
  // (sender, notice, items, case, key, receipt and events) written at once, atomically.
  async file(dto: FileNoticeDto, channel: Channel, meta: RequestMeta, submission?: SubmissionKeyInput, sender?: FilingSender): Promise<FilingResult> {
    const normalized = dto.items.map((item) => normalizeUrl(item.url));
    const email = dto.notifier.email?.toLowerCase() ?? null;
    // With a submission key, the body's hash tells a replay from another notice.
    const key = submission ? submissionKey(channel, submission, dto, email) : null;
    const urls = [...new Set(normalized.map((n) => n.url))];
    const dupKey = duplicateKey({ email, normalizedUrls: urls, work: dto.work });
    const ground = await this.db.repos.filings.findFilingGround(urls, email, key, dupKey);
    if (key && ground.submission) return this.replayOf(ground.submission, key.requestHash, key.strict);

    const draft = toDraft(dto);
    const completeness = checkCompleteness(draft);
    const items = this.toItems(dto, normalized, ground.matches).map((item) => ({ ...item, id: randomUUID() }));
    const token = newSecretToken();
    const trackingUrl = this.trackingUrl(token);
    const notifier = {
      name: dto.notifier.name ?? null,
      email: dto.notifier.email ?? null,
      organization: dto.notifier.organization ?? null,
      kind: dto.notifier.kind ?? 'individual',
      address: dto.notifier.address ?? null,
      phone: dto.notifier.phone ?? null,
      country: dto.notifier.country ?? null,
    };
    const receivedAt = ground.receivedAt;
    // A suspended sender's filing is kept on record but not processed (DSA Art. 23(2)): the
    // notifier's e-mail suspended, or the organisation whose key files it.
    const heldUntil = latestAfter(receivedAt, ground.sender?.suspendedUntil, sender?.misuseSuspendedUntil);
    const status = heldUntil ? 'held' : completeness.complete ? 'new' : 'awaiting_info';
    const priority = sender?.priority ?? 'normal';
    const opened = {
      id: randomUUID(),
      reference: formatCaseReference(receivedAt.getUTCFullYear(), ground.sequence!),
      noticeId: randomUUID(),
      status,
      priority,
      // The review clock does not run while we wait for the notifier.
      dueAt: status === 'new' ? reviewDueAt(dto.type, priority, receivedAt, this.config.sla) : null,
      // An incomplete notice lapses 14 calendar days after filing unless completed.
      lapseDueAt: status === 'awaiting_info' ? curableLapseDue(receivedAt, this.config.sla) : null,
      // The legal clocks of privacy and defamation notices run from receipt (src/cases/sla.ts);
      // a held filing (suspended sender) is not processed, so none runs.
      ...(status === 'held' ? {} : legalClocksAtFiling(dto.type, receivedAt, this.config.sla)),
      receivedAt,
      duplicateKey: dupKey,
      probableDuplicateOf: ground.duplicateOf?.id ?? null,
    } satisfies Partial<Case> & { id: string; reference: string };

    const deliver = Boolean(notifier.email && this.mailer.enabled);
    // An address nobody has proven gets fixed wording, and a link whose `confirm` code, known
    // only to that mailbox, proves it when opened (the API's answer has the link without it).
    // (A receipt only stored, without SMTP, goes nowhere and keeps its full text.)
    const unverified = deliver && !ground.sender?.emailVerified;
    const confirmCode = unverified ? newSecretToken() : null;
    const mailedUrl = confirmCode ? `${trackingUrl}?confirm=${confirmCode}` : trackingUrl;
    const receipt = receiptMessage({
      reference: opened.reference,
      type: dto.type,
      receivedAt,
      notifierName: notifier.name,
      publisherName: this.config.publisherName,
      items: items.map((item) => ({ url: item.url, inScope: item.state !== 'out_of_scope' })),
      missing: completeness.missing,
      trackingUrl: mailedUrl,
      unverified,
      heldUntil,
    });
    const messageId = randomUUID();

    try {
      await this.db.repos.filings.writeFiling({
        sender: { email, name: notifier.name ?? '(no name given)', organization: notifier.organization, kind: notifier.kind },
        knownSender: ground.sender,
        notice: {
          id: opened.noticeId,
          type: dto.type,
          channel,
          notifier,
          senderKeyId: sender?.keyId ?? null,
          principalName: dto.principal?.name ?? null,
          workDescription: dto.work?.description ?? null,
          workOriginalUrls: dto.work?.originalUrls ?? [],
          explanation: dto.explanation ?? null,
          statements: {
            goodFaith: dto.statements?.goodFaith === true,
            accuracy: dto.statements?.accuracy === true,
            authority: dto.statements?.authority === true,
          },
          attestations: attestationsFor(dto.type, dto.statements, dto.details as Record<string, unknown> | undefined),
          signature: dto.signature ?? null,
          jurisdiction: dto.jurisdiction?.toUpperCase() ?? null,
          language: dto.language ?? null,
          details: { ...(dto.details ?? {}) },
          completeness,
          trackingTokenHash: sha256(token),
          emailConfirmHash: confirmCode ? sha256(confirmCode) : null,
          clientIp: meta.ip,
          userAgent: meta.userAgent,
          receivedAt,
        },
        items,
        opened,
        submissionKey: key ? { scope: key.scope, keyHash: key.hash, requestHash: key.requestHash } : null,
        receipt: {
          id: messageId,
          caseId: opened.id,
          kind: 'receipt',
          recipientRole: 'notifier',
          toAddress: notifier.email,
          subject: receipt.subject,
          // The record keeps the text without the secret link (only its hash is stored); a
          // message to send keeps the link sealed until it is sent (MessageDelivery).
          body: receipt.body.replace(mailedUrl, `${this.config.publicBaseUrl}/track/${WITHHELD_LINK}`),
          state: deliver ? 'queued' : 'stored',
          sealedLink: deliver ? this.mailer.sealer.seal(mailedUrl) : null,
        },
        events: filingEvents(opened, dto, channel, items, completeness.missing, messageId, meta, opened.noticeId, {
          probableDuplicateOf: ground.duplicateOf?.reference ?? null,
          heldUntil,
        }),
      });
    } catch (error) {
      // Two requests with one key raced: the loser answers like a replay.
      if (key && error instanceof QueryFailedError && (error as { code?: string }).code === UNIQUE_VIOLATION) {
        const replay = await this.replay(key);
        if (replay) return replay;
      }
      throw error;
    }
    if (deliver) this.delivery.wake();
    return { ...this.summary(opened, items, completeness.missing, completeness.dmcaState, token), heldUntil };
  }

  trackingUrl(token: string): string {
    return `${this.config.publicBaseUrl}/track/${token}`;
  }

  private async replay(key: ScopedKey): Promise<FilingResult | null> {
    const existing = await this.db.repos.notices.findSubmissionKey(key.scope, key.hash);
    return existing ? this.replayOf(existing, key.requestHash, key.strict) : null;
  }

  private async replayOf(existing: { requestHash: Buffer; caseId: string }, requestHash: Buffer, strict: boolean): Promise<FilingResult> {
    if (strict && !existing.requestHash.equals(requestHash)) {
      throw new DeskError(
        422,
        'idempotency_key_reused',
        'Idempotency key already used',
        'This Idempotency-Key was already used for a different notice. Use a new key for a new notice.',
        [{ field: 'Idempotency-Key', message: 'Already used with a different body.' }],
      );
    }
    const filed = (await this.db.repos.cases.findById(existing.caseId))!;
    const notice = (await this.db.repos.notices.findWithItems(filed.noticeId))!;
    return {
      ...this.summary(filed, notice.items, notice.completeness.missing, notice.completeness.dmcaState, null),
      replayed: true,
    };
  }

  private summary(
    filed: Pick<Case, 'id' | 'reference' | 'status'>,
    items: FiledItem[] | NewNoticeItem[],
    missing: MissingElement[],
    dmcaState: string | null,
    token: string | null,
  ): FilingResult {
    return {
      caseId: filed.id,
      reference: filed.reference,
      status: filed.status,
      missing,
      dmcaState,
      items: items.map((item) => ({
        id: (item as FiledItem).id,
        position: item.position,
        url: item.url,
        normalizedUrl: item.normalizedUrl,
        articleId: item.articleId,
        match: item.match,
        state: item.state,
      })),
      trackingToken: token,
      trackingUrl: token ? this.trackingUrl(token) : null,
      replayed: false,
      heldUntil: null,
    };
  }

  // Every URL is kept: matched to an article or alias, or marked out of scope.
  async matchItems(dto: Pick<FileNoticeDto, 'items'>, startPosition = 0): Promise<NewNoticeItem[]> {
    const normalized = dto.items.map((item) => normalizeUrl(item.url));
    const matches = await this.db.repos.articles.findMatches([...new Set(normalized.map((n) => n.url))]);
    return this.toItems(dto, normalized, matches, startPosition);
  }

  private toItems(dto: Pick<FileNoticeDto, 'items'>, normalized: Array<{ url: string; host: string }>, matches: Map<string, ArticleMatch>, startPosition = 0): NewNoticeItem[] {
    return dto.items.map((item, i) => {
      const { url, host } = normalized[i];
      // An alias may live on another host (a mobile or syndication domain), so a known
      // URL matches first; only unknown URLs are told apart by host.
      const found = matches.get(url);
      const match: ItemMatch = found ? found.via : isPublisherHost(host, this.config.publisherHosts) ? 'not_found' : 'other_site';
      return {
        position: startPosition + i,
        url: item.url,
        normalizedUrl: url,
        articleId: found?.articleId ?? null,
        match,
        state: found ? 'pending' : 'out_of_scope',
        passage: item.passage ?? null,
        media: item.media ?? null,
        reason: item.reason ?? null,
      };
    });
  }
}

// What a filing records in the event log (the same transaction: FilingRepository.writeFiling).
function filingEvents(
  opened: Pick<Case, 'id' | 'reference' | 'status' | 'dueAt'>,
  dto: FileNoticeDto,
  channel: Channel,
  items: NewNoticeItem[],
  missing: MissingElement[],
  messageId: string,
  meta: RequestMeta,
  noticeId: string,
  found: { probableDuplicateOf: string | null; heldUntil: Date | null },
): NewEvent[] {
  const common = { caseId: opened.id, caseReference: opened.reference, requestId: meta.requestId, clientNetwork: meta.network };
  // The sender's id is filled in as its row is written (a new sender has none before).
  const notifierActor = { type: 'notifier' as const, id: null };
  return [
    {
      ...common,
      actor: notifierActor,
      action: 'notice.filed',
      subject: { type: 'notice', id: noticeId },
      data: {
        type: dto.type,
        channel,
        itemCount: items.length,
        outOfScope: items.filter((item) => item.state === 'out_of_scope').length,
        missing: missing.map((element) => element.code),
        // Only when there is something to say: the usual filing's event stays as it was.
        ...(found.probableDuplicateOf ? { probableDuplicateOf: found.probableDuplicateOf } : {}),
        ...(found.heldUntil ? { heldUntil: found.heldUntil.toISOString() } : {}),
      },
      visibility: 'notifier',
    },
    {
      ...common,
      actor: notifierActor,
      action: 'case.opened',
      subject: { type: 'case', id: opened.id },
      changes: { status: { before: null, after: opened.status }, dueAt: { before: null, after: opened.dueAt } },
      visibility: 'notifier',
    },
    {
      ...common,
      actor: { type: 'system', id: null },
      action: 'message.recorded',
      subject: { type: 'message', id: messageId },
      data: { kind: 'receipt', recipientRole: 'notifier' },
      visibility: 'internal',
    },
  ];
}

export function toDraft(dto: Partial<FileNoticeDto> & Pick<FileNoticeDto, 'type'>): NoticeDraft {
  return {
    type: dto.type,
    notifier: dto.notifier,
    principal: dto.principal,
    work: dto.work,
    items: dto.items,
    explanation: dto.explanation,
    statements: dto.statements,
    signature: dto.signature,
    jurisdiction: dto.jurisdiction,
    language: dto.language,
    details: dto.details as Record<string, unknown> | undefined,
  };
}
