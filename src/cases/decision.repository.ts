import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DecisionApproval } from './decision-approval.entity';
import { DecisionItem } from './decision-item.entity';
import { Decision } from './decision.entity';

export type NewDecision = Omit<Decision, 'id' | 'createdAt' | 'items' | 'case' | 'decider'> & {
  items: Array<Omit<DecisionItem, 'id' | 'decisionId' | 'decision' | 'noticeItem'>>;
};

export interface DecisionWithApproval extends Decision {
  approval: DecisionApproval | null;
}

// Decisions and approvals are only ever inserted (a trigger refuses the rest).
export class DecisionRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(decision: NewDecision): Promise<Decision> {
    const { items, ...fields } = decision;
    const result = await this.manager.insert(Decision, fields as QueryDeepPartialEntity<Decision>);
    const id = result.identifiers[0].id as string;
    const rows = items.map((item) => ({ ...item, decisionId: id }));
    const inserted = await this.manager.insert(DecisionItem, rows as QueryDeepPartialEntity<DecisionItem>[]);
    return {
      ...fields,
      id,
      createdAt: result.generatedMaps[0].createdAt,
      items: rows.map((row, i) => ({ ...row, id: inserted.identifiers[i].id }) as DecisionItem),
    } as Decision;
  }

  async insertApproval(approval: Pick<DecisionApproval, 'decisionId' | 'approverId' | 'outcome' | 'reason' | 'comment'>): Promise<void> {
    await this.manager.insert(DecisionApproval, approval);
  }

  // Newest first; each with its approval, if any.
  async findForCase(caseId: string): Promise<DecisionWithApproval[]> {
    const decisions = await this.manager.find(Decision, { where: { caseId }, relations: { items: true }, order: { createdAt: 'DESC' } });
    if (!decisions.length) return [];
    const approvals = await this.manager
      .createQueryBuilder(DecisionApproval, 'a')
      .where('a.decision_id IN (:...ids)', { ids: decisions.map((d) => d.id) })
      .getMany();
    const byDecision = new Map(approvals.map((a) => [a.decisionId, a]));
    return decisions.map((decision) => Object.assign(decision, { approval: byDecision.get(decision.id) ?? null }));
  }
}
