import { EntityManager, IsNull } from 'typeorm';
import { Appeal } from './appeal.entity';
import { CounterNotice } from './counter-notice.entity';
import { CourtAction } from './court-action.entity';
import { RespondLink } from './respond-link.entity';
import { RestrictionEnd } from './restriction-end.entity';

// Response links, counter-notices, court actions and appeals: what follows a decision.
export class AftercareRepository {
  constructor(private readonly manager: EntityManager) {}

  async insertRespondLink(link: Pick<RespondLink, 'caseId' | 'articleId' | 'tokenHash'>): Promise<string> {
    const result = await this.manager.insert(RespondLink, link);
    return result.identifiers[0].id as string;
  }

  findRespondLinkByHash(tokenHash: Buffer): Promise<RespondLink | null> {
    return this.manager.findOne(RespondLink, { where: { tokenHash } });
  }

  async insertCounterNotice(notice: Pick<CounterNotice, 'caseId' | 'respondLinkId' | 'filing' | 'completeness'>): Promise<string> {
    const result = await this.manager.insert(CounterNotice, notice);
    return result.identifiers[0].id as string;
  }

  // Newest first.
  findCounterNotices(caseId: string): Promise<CounterNotice[]> {
    return this.manager.find(CounterNotice, { where: { caseId }, order: { receivedAt: 'DESC' } });
  }

  async insertCourtAction(action: Pick<CourtAction, 'caseId' | 'court' | 'caseNumber' | 'filedOn'>): Promise<string> {
    const result = await this.manager.insert(CourtAction, action);
    return result.identifiers[0].id as string;
  }

  findCourtActions(caseId: string): Promise<CourtAction[]> {
    return this.manager.find(CourtAction, { where: { caseId }, order: { reportedAt: 'DESC' } });
  }

  async insertAppeal(appeal: Pick<Appeal, 'caseId' | 'appellant' | 'decisionId' | 'grounds' | 'statusBefore'>): Promise<string> {
    const result = await this.manager.insert(Appeal, appeal);
    return result.identifiers[0].id as string;
  }

  findAppeals(caseId: string): Promise<Appeal[]> {
    return this.manager.find(Appeal, { where: { caseId }, order: { createdAt: 'DESC' } });
  }

  findOpenAppeal(caseId: string): Promise<Appeal | null> {
    return this.manager.findOne(Appeal, { where: { caseId, outcome: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async decideAppeal(id: string, fields: Pick<Appeal, 'outcome' | 'answer' | 'decidedBy'>): Promise<void> {
    await this.manager.update(Appeal, { id }, { ...fields, decidedAt: () => 'now()' });
  }

  async insertRestrictionEnds(rows: Array<Pick<RestrictionEnd, 'decisionItemId' | 'caseId' | 'articleId' | 'dueAt'>>): Promise<void> {
    if (rows.length) await this.manager.insert(RestrictionEnd, rows);
  }

  // A case's restrictions still to be lifted, soonest first (its clock panel).
  findOpenRestrictionEnds(caseId: string): Promise<RestrictionEnd[]> {
    return this.manager.find(RestrictionEnd, { where: { caseId, liftedAt: IsNull() }, order: { dueAt: 'ASC' } });
  }

  // The next restriction due to end, locked (SKIP LOCKED: another sweep skips it).
  async lockNextDueRestrictionEnd(now: Date): Promise<RestrictionEnd | null> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT id FROM restriction_ends WHERE lifted_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return rows[0] ? this.manager.findOne(RestrictionEnd, { where: { id: rows[0].id } }) : null;
  }

  // Restored by hand or on appeal: the case's restrictions are over now, not on their end
  // dates (the trigger restriction_ends_next_due takes their clocks off the case).
  async liftCaseRestrictionEnds(caseId: string, at: Date): Promise<number> {
    const result = await this.manager.createQueryBuilder().update(RestrictionEnd).set({ liftedAt: at }).where('case_id = :caseId AND lifted_at IS NULL', { caseId }).execute();
    return result.affected ?? 0;
  }

  async markRestrictionLifted(id: string, at: Date): Promise<void> {
    await this.manager.update(RestrictionEnd, { id }, { liftedAt: at });
  }

  // Another restriction on the article still running (not lifted, not this one), from a
  // decision that still stands: the latest of its case, on a case where it took effect.
  async otherRestrictionInForce(articleId: string, exceptId: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM restriction_ends r WHERE r.article_id = $1 AND r.id <> $2 AND r.lifted_at IS NULL
       UNION ALL
       SELECT 1 FROM decision_items di
         JOIN decisions d ON d.id = di.decision_id
         JOIN cases c ON c.id = d.case_id
         JOIN notice_items ni ON ni.id = di.notice_item_id
       WHERE ni.article_id = $1 AND di.action = 'restrict' AND di.until IS NULL
         AND c.status IN ('actioned', 'closed', 'appealed', 'counter_noticed', 'litigation_hold')
         AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.case_id = d.case_id AND later.created_at > d.created_at)
       LIMIT 1`,
      [articleId, exceptId],
    );
    return rows.length > 0;
  }
}
