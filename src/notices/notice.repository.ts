import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NoticeItem } from './notice-item.entity';
import { Notice, NotifierAsFiled } from './notice.entity';
import { SubmissionKey } from './submission-key.entity';

export type NewNotice = Omit<Notice, 'id' | 'receivedAt' | 'items' | 'notifierRecord' | 'trackingTokenRevokedAt'>;
export type NewNoticeItem = Omit<NoticeItem, 'id' | 'noticeId' | 'notice' | 'article'>;

export class NoticeRepository {
  constructor(private readonly manager: EntityManager) {}

  // One notifier per e-mail address (case-insensitive) so that counts follow a sender
  // across filings; without an e-mail each filing is its own notifier. A sender's count is
  // derived from its notices, so the row is locked here only when the sender's details
  // changed: one sender filing many notices at once does not queue on it.
  async upsertNotifier(notifier: NotifierAsFiled): Promise<string> {
    const email = notifier.email?.toLowerCase() ?? null;
    const details = { name: notifier.name ?? '(no name given)', organization: notifier.organization, kind: notifier.kind ?? 'individual' };
    const values = [email, details.name, details.organization, details.kind];
    if (email) {
      const known: Array<{ id: string; name: string; organization: string | null; kind: string }> = await this.manager.query(
        'SELECT id, name, organization, kind FROM notifiers WHERE email = $1',
        [email],
      );
      const sender = known[0];
      if (sender) {
        if (sender.name !== details.name || sender.organization !== details.organization || sender.kind !== details.kind) {
          await this.manager.query('UPDATE notifiers SET name = $2, organization = $3, kind = $4, updated_at = now() WHERE id = $1', [sender.id, details.name, details.organization, details.kind]);
        }
        return sender.id;
      }
    }
    const rows: Array<{ id: string }> = await this.manager.query(
      email
        ? `INSERT INTO notifiers (email, name, organization, kind) VALUES ($1, $2, $3, $4)
           ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, organization = EXCLUDED.organization, kind = EXCLUDED.kind, updated_at = now()
           RETURNING id`
        : `INSERT INTO notifiers (email, name, organization, kind) VALUES ($1, $2, $3, $4) RETURNING id`,
      values,
    );
    return rows[0].id;
  }

  async insert(notice: NewNotice): Promise<Notice> {
    const result = await this.manager.insert(Notice, notice as QueryDeepPartialEntity<Notice>);
    return { ...notice, id: result.identifiers[0].id, receivedAt: result.generatedMaps[0].receivedAt } as Notice;
  }

  async insertItems(noticeId: string, items: NewNoticeItem[]): Promise<NoticeItem[]> {
    if (!items.length) return [];
    const rows = items.map((item) => ({ ...item, noticeId }));
    const result = await this.manager.insert(NoticeItem, rows);
    return rows.map((row, i) => ({ ...row, id: result.identifiers[i].id }) as NoticeItem);
  }

  async update(noticeId: string, fields: Partial<Pick<Notice, 'notifier' | 'principalName' | 'workDescription' | 'workOriginalUrls' | 'explanation' | 'statements' | 'attestations' | 'signature' | 'jurisdiction' | 'language' | 'details' | 'completeness'>>): Promise<void> {
    await this.manager.update(Notice, { id: noticeId }, fields as QueryDeepPartialEntity<Notice>);
  }

  async updateItem(itemId: string, fields: Partial<Pick<NoticeItem, 'reason' | 'passage'>>): Promise<void> {
    await this.manager.update(NoticeItem, { id: itemId }, fields);
  }

  async updateItemState(itemId: string, state: NoticeItem['state']): Promise<void> {
    await this.manager.update(NoticeItem, { id: itemId }, { state });
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
    return this.manager
      .createQueryBuilder(Notice, 'n')
      .leftJoinAndSelect('n.items', 'i')
      .where('n.id = :noticeId', { noticeId })
      .orderBy('i.position', 'ASC')
      .getOne();
  }

  findSubmissionKey(keyHash: Buffer): Promise<SubmissionKey | null> {
    return this.manager.findOne(SubmissionKey, { where: { keyHash } });
  }

  async insertSubmissionKey(key: Pick<SubmissionKey, 'keyHash' | 'requestHash' | 'caseId'>): Promise<void> {
    await this.manager.insert(SubmissionKey, key);
  }
}
