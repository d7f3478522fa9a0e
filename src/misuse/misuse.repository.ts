import { Brackets, EntityManager, In, IsNull } from 'typeorm';
import { Notifier } from '../notices/notifier.entity';
import { MisuseMark } from './misuse-mark.entity';
import { Suspension } from './suspension.entity';

export type NewSuspension = Pick<Suspension, 'notifierEmail' | 'organization' | 'senderOrganisationId' | 'state' | 'caseId' | 'markCount' | 'days'>;

// Whom marks are counted against and a suspension holds: the sender organisation whose key
// filed the notices (all its keys), or else the notifier's e-mail.
export type MisuseTarget = { organisationId: string } | { email: string };

// The WHERE clause for a target at parameter $1 (an e-mail counts only notices filed without a key).
function targetSql(target: MisuseTarget): { where: string; value: string } {
  return 'organisationId' in target
    ? { where: 'sender_organisation_id = $1', value: target.organisationId }
    : { where: 'notifier_email = $1 AND sender_organisation_id IS NULL', value: target.email };
}

export class MisuseRepository {
  constructor(private readonly manager: EntityManager) {}

  findMarkForCase(caseId: string): Promise<MisuseMark | null> {
    return this.manager.findOne(MisuseMark, { where: { caseId } });
  }

  insertMark(mark: Pick<MisuseMark, 'caseId' | 'notifierEmail' | 'organization' | 'senderOrganisationId' | 'reason' | 'markedBy'>): Promise<MisuseMark> {
    return this.manager.save(MisuseMark, this.manager.create(MisuseMark, mark));
  }

  async countMarksSince(target: MisuseTarget, since: Date): Promise<number> {
    const { where, value } = targetSql(target);
    const [row] = await this.manager.query(`SELECT count(*)::int AS n FROM misuse_marks WHERE ${where} AND created_at >= $2`, [value, since]);
    return row.n;
  }

  // Proposed, or active and not yet over.
  findOpenSuspension(target: MisuseTarget, now: Date): Promise<Suspension | null> {
    const open = this.openSuspensions(now);
    if ('organisationId' in target) return open.andWhere('s.sender_organisation_id = :organisationId', { organisationId: target.organisationId }).getOne();
    return open.andWhere('s.notifier_email = :email AND s.sender_organisation_id IS NULL', { email: target.email }).getOne();
  }

  // The open suspension that holds a notice's sender, in one query: its key's
  // organisation's first (when filed with a key), else its notifier's e-mail's.
  findOpenSuspensionOfSender(senderKeyId: string | null, email: string | null, now: Date): Promise<Suspension | null> {
    if (!senderKeyId && !email) return Promise.resolve(null);
    return this.openSuspensions(now)
      .andWhere(
        new Brackets((holder) =>
          holder
            .where('s.sender_organisation_id = (SELECT k.organisation_id FROM sender_keys k WHERE k.id = :senderKeyId)', { senderKeyId })
            .orWhere('(s.notifier_email = :email AND s.sender_organisation_id IS NULL)', { email }),
        ),
      )
      .orderBy('s.sender_organisation_id IS NULL', 'ASC')
      .addOrderBy('s.created_at', 'DESC')
      .getOne();
  }

  private openSuspensions(now: Date) {
    return this.manager
      .createQueryBuilder(Suspension, 's')
      .where(`(s.state = 'proposed' OR (s.state = 'active' AND s.ends_at > :now))`, { now })
      .orderBy('s.created_at', 'DESC')
      .limit(1);
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

  // The suspensions of one sender organisation, newest first (its page).
  findSuspensionsOfOrganisation(organisationId: string, limit = 50): Promise<Suspension[]> {
    return this.manager.find(Suspension, { where: { senderOrganisationId: organisationId }, order: { createdAt: 'DESC' }, take: limit });
  }

  // The marks behind these suspensions: an organisation's by its id, a notifier's by e-mail.
  findMarksFor(suspensions: Suspension[]): Promise<MisuseMark[]> {
    const emails = [...new Set(suspensions.filter((s) => !s.senderOrganisationId).map((s) => s.notifierEmail))];
    const organisations = [...new Set(suspensions.map((s) => s.senderOrganisationId).filter((id): id is string => !!id))];
    const where = [
      ...(emails.length ? [{ notifierEmail: In(emails), senderOrganisationId: IsNull() }] : []),
      ...(organisations.length ? [{ senderOrganisationId: In(organisations) }] : []),
    ];
    return where.length ? this.manager.find(MisuseMark, { where, order: { createdAt: 'DESC' } }) : Promise.resolve([]);
  }

  // What intake reads with the sender (filing.repository.ts): the suspension's end, or null.
  async setNotifierSuspension(email: string, until: Date | null): Promise<void> {
    await this.manager.update(Notifier, { email }, { suspendedUntil: until, misuseState: until ? 'suspended' : 'ok' });
  }

  // The end of the suspension a held notice was filed under: its notifier's, or that of the
  // organisation whose key filed it (the later one).
  async findSenderSuspendedUntil(noticeId: string): Promise<Date | null> {
    const [row] = await this.manager.query(
      `SELECT greatest(s.suspended_until, o.misuse_suspended_until) AS until FROM notices n JOIN notifiers s ON s.id = n.notifier_id
       LEFT JOIN sender_keys k ON k.id = n.sender_key_id LEFT JOIN sender_organisations o ON o.id = k.organisation_id WHERE n.id = $1`,
      [noticeId],
    );
    return row?.until ?? null;
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
