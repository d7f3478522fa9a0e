import { EntityManager, In } from 'typeorm';
import { Notifier } from '../notices/notifier.entity';
import { MisuseMark } from './misuse-mark.entity';
import { Suspension } from './suspension.entity';

export type NewSuspension = Pick<Suspension, 'notifierEmail' | 'organization' | 'state' | 'caseId' | 'markCount' | 'days'>;

export class MisuseRepository {
  constructor(private readonly manager: EntityManager) {}

  findMarkForCase(caseId: string): Promise<MisuseMark | null> {
    return this.manager.findOne(MisuseMark, { where: { caseId } });
  }

  insertMark(mark: Pick<MisuseMark, 'caseId' | 'notifierEmail' | 'organization' | 'reason' | 'markedBy'>): Promise<MisuseMark> {
    return this.manager.save(MisuseMark, this.manager.create(MisuseMark, mark));
  }

  async countMarksSince(email: string, since: Date): Promise<number> {
    const [row] = await this.manager.query(`SELECT count(*)::int AS n FROM misuse_marks WHERE notifier_email = $1 AND created_at >= $2`, [email, since]);
    return row.n;
  }

  // Proposed, or active and not yet over.
  async findOpenSuspension(email: string, now: Date): Promise<Suspension | null> {
    const [row] = await this.manager.query(
      `SELECT id FROM misuse_suspensions WHERE notifier_email = $1 AND (state = 'proposed' OR (state = 'active' AND ends_at > $2))
       ORDER BY created_at DESC LIMIT 1`,
      [email, now],
    );
    return row ? this.manager.findOne(Suspension, { where: { id: row.id } }) : null;
  }

  insertSuspension(suspension: NewSuspension): Promise<Suspension> {
    return this.manager.save(Suspension, this.manager.create(Suspension, suspension));
  }

  findSuspension(id: string): Promise<Suspension | null> {
    return this.manager.findOne(Suspension, { where: { id } });
  }

  findSuspensionForUpdate(id: string): Promise<Suspension | null> {
    return this.manager.findOne(Suspension, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateSuspension(id: string, fields: Partial<Suspension>): Promise<Suspension> {
    await this.manager.update(Suspension, { id }, fields);
    return (await this.manager.findOne(Suspension, { where: { id } }))!;
  }

  // Newest first; the page shows the first 200.
  findSuspensions(limit = 200): Promise<Suspension[]> {
    return this.manager.find(Suspension, { order: { createdAt: 'DESC' }, take: limit });
  }

  findMarksFor(emails: string[]): Promise<MisuseMark[]> {
    return emails.length ? this.manager.find(MisuseMark, { where: { notifierEmail: In(emails) }, order: { createdAt: 'DESC' } }) : Promise.resolve([]);
  }

  // What intake reads with the sender (filing.repository.ts): the suspension's end, or null.
  async setNotifierSuspension(email: string, until: Date | null): Promise<void> {
    await this.manager.update(Notifier, { email }, { suspendedUntil: until, misuseState: until ? 'suspended' : 'ok' });
  }

  async findSenderSuspendedUntil(notifierId: string): Promise<Date | null> {
    return (await this.manager.findOne(Notifier, { where: { id: notifierId } }))?.suspendedUntil ?? null;
  }

  async findCaseReferences(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; reference: string }> = await this.manager.query(`SELECT id, reference FROM cases WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((row) => [row.id, row.reference]));
  }

  async findHeldCases(email: string): Promise<Array<{ reference: string; receivedAt: Date }>> {
    return this.manager.query(
      `SELECT c.reference, c.received_at AS "receivedAt" FROM cases c JOIN notices n ON n.id = c.notice_id JOIN notifiers s ON s.id = n.notifier_id
       WHERE s.email = $1 AND c.status = 'held' ORDER BY c.received_at LIMIT 100`,
      [email],
    );
  }
}
