import { preparedQuery } from '../database/prepared-query';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NoticeItem } from './notice-item.entity';
import { NoticeRevision } from './notice-revision.entity';
import { Notice } from './notice.entity';
import { SubmissionKey } from './submission-key.entity';

export type NewNotice = Omit<Notice, 'id' | 'receivedAt' | 'items' | 'notifierRecord' | 'trackingTokenRevokedAt'>;
export type NewNoticeItem = Omit<NoticeItem, 'id' | 'noticeId' | 'notice' | 'article'>;

export class NoticeRepository {
  constructor(private readonly manager: EntityManager) {}

  async insertItems(noticeId: string, items: NewNoticeItem[]): Promise<NoticeItem[]> {
    if (!items.length) return [];
    const rows = items.map((item) => ({ ...item, noticeId }));
    const result = await this.manager.insert(NoticeItem, rows);
    return rows.map((row, i) => ({ ...row, id: result.identifiers[i].id }) as NoticeItem);
  }

  async update(
    noticeId: string,
    fields: Partial<
      Pick<
        Notice,
        | 'notifier'
        | 'principalName'
        | 'workDescription'
        | 'workOriginalUrls'
        | 'explanation'
        | 'statements'
        | 'attestations'
        | 'signature'
        | 'jurisdiction'
        | 'language'
        | 'details'
        | 'completeness'
      >
    >,
  ): Promise<void> {
    await this.manager.update(Notice, { id: noticeId }, fields as QueryDeepPartialEntity<Notice>);
  }

  async updateItem(itemId: string, fields: Partial<Pick<NoticeItem, 'reason' | 'passage' | 'url' | 'normalizedUrl' | 'articleId' | 'match' | 'state'>>): Promise<void> {
    await this.manager.update(NoticeItem, { id: itemId }, fields);
  }

  async updateItemState(itemId: string, state: NoticeItem['state']): Promise<void> {
    await this.manager.update(NoticeItem, { id: itemId }, { state });
  }

  // The notifier's address is proven now, unless it was before: true when this set it.
  async markNotifierVerified(notifierId: string): Promise<boolean> {
    const rows = await preparedQuery(this.manager, `UPDATE notifiers SET email_verified_at = now(), updated_at = now() WHERE id = $1 AND email_verified_at IS NULL RETURNING id`, [
      notifierId,
    ]);
    return rows.length > 0;
  }

  findByTrackingHash(hash: Buffer): Promise<Notice | null> {
    return this.manager
      .createQueryBuilder(Notice, 'n')
      .leftJoinAndSelect('n.items', 'i')
      .where('n.tracking_token_hash = :hash', { hash })
      .andWhere('n.tracking_token_revoked_at IS NULL')
      .orderBy('i.position', 'ASC')
      .getOne();
  }

  findWithItems(noticeId: string): Promise<Notice | null> {
    return this.manager.createQueryBuilder(Notice, 'n').leftJoinAndSelect('n.items', 'i').where('n.id = :noticeId', { noticeId }).orderBy('i.position', 'ASC').getOne();
  }

  findSubmissionKey(scope: string, keyHash: Buffer): Promise<SubmissionKey | null> {
    return this.manager.findOne(SubmissionKey, { where: { scope, keyHash } });
  }

  // Keeps the notice as it stands before a correction: the next revision number (1 for the
  // notice as filed). Called under the case's row lock, so numbers do not race.
  async insertRevision(noticeId: string, snapshot: Record<string, unknown>): Promise<number> {
    const rows = await preparedQuery<{ revision: number }>(
      this.manager,
      `INSERT INTO notice_revisions (notice_id, revision, snapshot)
       SELECT $1, coalesce(max(revision), 0) + 1, $2::jsonb FROM notice_revisions WHERE notice_id = $1
       RETURNING revision`,
      [noticeId, JSON.stringify(snapshot)],
    );
    return rows[0].revision;
  }

  countRevisions(noticeId: string): Promise<number> {
    return this.manager.count(NoticeRevision, { where: { noticeId } });
  }

  findRevisions(noticeId: string): Promise<NoticeRevision[]> {
    return this.manager.find(NoticeRevision, { where: { noticeId }, order: { revision: 'ASC' } });
  }

  // A fresh tracking link replaces the old one: the old link stops working at once.
  async replaceTrackingHash(noticeId: string, hash: Buffer): Promise<void> {
    await this.manager.update(Notice, { id: noticeId }, { trackingTokenHash: hash });
  }

  // The cases a verified address may be sent fresh links for: its notices (as filed from that
  // address and still naming it) whose case is not over.
  findOpenCasesOfVerifiedAddress(email: string): Promise<Array<{ caseId: string; reference: string; noticeId: string; notifierId: string; type: string }>> {
    return preparedQuery(
      this.manager,
      `SELECT c.id AS "caseId", c.reference, n.id AS "noticeId", n.notifier_id AS "notifierId", n.type
       FROM notifiers s
       JOIN notices n ON n.notifier_id = s.id AND lower(n.notifier->>'email') = s.email
       JOIN cases c ON c.notice_id = n.id
       WHERE s.email = lower($1) AND s.email_verified_at IS NOT NULL AND n.tracking_token_revoked_at IS NULL
         AND c.status NOT IN ('closed', 'withdrawn', 'duplicate', 'lapsed')
       ORDER BY c.received_at DESC
       LIMIT 50`,
      [email],
    );
  }
}
