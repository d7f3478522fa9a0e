import { preparedQuery } from '../database/prepared-query';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NoticeItem } from './notice-item.entity';
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

  async updateItem(itemId: string, fields: Partial<Pick<NoticeItem, 'reason' | 'passage'>>): Promise<void> {
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
}
