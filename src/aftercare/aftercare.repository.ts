import { EntityManager, IsNull } from 'typeorm';
import { Appeal } from './appeal.entity';
import { CounterNotice } from './counter-notice.entity';
import { CourtAction } from './court-action.entity';
import { RespondLink } from './respond-link.entity';

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
}
