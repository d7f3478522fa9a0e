import { EntityManager } from 'typeorm';
import { Case, CasePriority, CaseStatus } from './case.entity';
import { formatCaseReference } from './case-reference';

export interface NewCase {
  noticeId: string;
  status: CaseStatus;
  priority: CasePriority;
  dueAt: Date | null;
  receivedAt: Date;
}

export class CaseRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(newCase: NewCase): Promise<Case> {
    const [{ seq }]: Array<{ seq: string }> = await this.manager.query(`SELECT nextval('case_reference_seq') AS seq`);
    const reference = formatCaseReference(newCase.receivedAt.getUTCFullYear(), seq);
    const result = await this.manager.insert(Case, { ...newCase, reference });
    return { ...newCase, reference, id: result.identifiers[0].id, version: result.generatedMaps[0].version ?? 1 } as Case;
  }

  findById(id: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { id } });
  }

  findByNoticeId(noticeId: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { noticeId } });
  }

  // Row lock for a change made on the notifier's behalf: serialises it with any other
  // change to the same case without a global lock.
  findByNoticeIdForUpdate(noticeId: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { noticeId }, lock: { mode: 'pessimistic_write' } });
  }

  findByReference(reference: string): Promise<Case | null> {
    return this.manager.findOne(Case, { where: { reference } });
  }

  // Compare-and-set on `version`: returns the updated case, or null when someone else
  // changed it first (the caller answers 409).
  async updateIfVersion(id: string, version: number, fields: Partial<Pick<Case, 'status' | 'dueAt' | 'priority'>>): Promise<Case | null> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Case)
      .set({ ...fields, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .returning('*')
      .execute();
    if (!result.affected) return null;
    return mapRaw(result.raw[0]);
  }
}

function mapRaw(row: Record<string, unknown>): Case {
  return Object.assign(new Case(), {
    id: row.id as string,
    reference: row.reference as string,
    noticeId: row.notice_id as string,
    status: row.status as CaseStatus,
    priority: row.priority as CasePriority,
    dueAt: row.due_at as Date | null,
    receivedAt: row.received_at as Date,
    version: row.version as number,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
}
