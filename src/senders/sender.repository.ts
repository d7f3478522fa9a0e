import { EntityManager } from 'typeorm';
import { mapRaw } from '../database/map-raw';
import { DeskEvent } from '../events/event.entity';
import { SenderKey } from './sender-key.entity';
import { SenderOrganisation } from './sender-organisation.entity';

export type NewSenderOrganisation = Pick<
  SenderOrganisation,
  'name' | 'kind' | 'contactName' | 'contactEmail' | 'contactAddress' | 'contactPhone' | 'status' | 'rateLimitPerMinute'
>;
export type SenderOrganisationChange = Partial<
  Pick<SenderOrganisation, 'name' | 'kind' | 'contactName' | 'contactEmail' | 'contactAddress' | 'contactPhone' | 'status' | 'suspendedUntil' | 'rateLimitPerMinute'>
>;
export type NewSenderKey = Pick<SenderKey, 'organisationId' | 'name' | 'keyHash' | 'prefix' | 'allowedTypes' | 'expiresAt' | 'createdBy'>;

// A key as the intake sees it, with its organisation.
export interface SenderKeyWithOrganisation {
  key: SenderKey;
  organisation: SenderOrganisation;
}

// What a case page shows of the organisation that filed it.
export interface SenderHistory {
  organisationId: string;
  organisationName: string;
  kind: string;
  status: string;
  keyName: string;
  keyPrefix: string;
  noticesFiled: number;
  decided: number;
  foundValid: number;
  rejected: number;
}

// The decided cases count: the outcome of each case's latest decision.
const HISTORY = `
  WITH own AS (
    SELECT o.id, o.name, o.kind, o.status, k.name AS key_name, k.prefix AS key_prefix
    FROM notices n JOIN sender_keys k ON k.id = n.sender_key_id JOIN sender_organisations o ON o.id = k.organisation_id
    WHERE n.id = $1
  ), filed AS (
    SELECT c.id AS case_id FROM own JOIN sender_keys k ON k.organisation_id = own.id JOIN notices n ON n.sender_key_id = k.id JOIN cases c ON c.notice_id = n.id
  ), outcomes AS (
    SELECT (SELECT d.outcome FROM decisions d WHERE d.case_id = filed.case_id ORDER BY d.created_at DESC, d.id DESC LIMIT 1) AS outcome FROM filed
  )
  SELECT own.id AS "organisationId", own.name AS "organisationName", own.kind, own.status, own.key_name AS "keyName", own.key_prefix AS "keyPrefix",
         (SELECT count(*)::int FROM filed) AS "noticesFiled",
         (SELECT count(outcome)::int FROM outcomes) AS decided,
         (SELECT count(*)::int FROM outcomes WHERE outcome = 'actioned') AS "foundValid",
         (SELECT count(*)::int FROM outcomes WHERE outcome = 'rejected') AS rejected
  FROM own`;

export class SenderRepository {
  constructor(private readonly manager: EntityManager) {}

  insertOrganisation(values: NewSenderOrganisation): Promise<SenderOrganisation> {
    return this.manager.save(this.manager.create(SenderOrganisation, values));
  }

  findOrganisation(id: string): Promise<SenderOrganisation | null> {
    return this.manager.findOne(SenderOrganisation, { where: { id } });
  }

  lockOrganisation(id: string): Promise<SenderOrganisation | null> {
    return this.manager.createQueryBuilder(SenderOrganisation, 'o').setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
  }

  // Only at the version the change was made on: the caller holds the row's lock and has checked it.
  async updateOrganisation(id: string, version: number, change: SenderOrganisationChange): Promise<SenderOrganisation> {
    const result = await this.manager
      .createQueryBuilder()
      .update(SenderOrganisation)
      .set({ ...change, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .returning('*')
      .execute();
    return mapRaw(this.manager, SenderOrganisation, result.raw[0]);
  }

  // A confirmed misuse suspension of the whole organisation (src/misuse), or its end (null).
  async setMisuseSuspension(id: string, until: Date | null): Promise<void> {
    await this.manager.createQueryBuilder().update(SenderOrganisation).set({ misuseSuspendedUntil: until }).where('id = :id', { id }).execute();
  }

  // The organisation whose key filed a notice (null: filed without a sender key).
  async findOrganisationOfKey(keyId: string): Promise<SenderOrganisation | null> {
    return this.manager.createQueryBuilder(SenderOrganisation, 'o').innerJoin(SenderKey, 'k', 'k.organisation_id = o.id').where('k.id = :keyId', { keyId }).getOne();
  }

  // What was done to an organisation and its keys, newest first (idx_events_subject).
  findOrganisationEvents(id: string, keyIds: string[], limit = 100): Promise<DeskEvent[]> {
    return this.manager
      .createQueryBuilder(DeskEvent, 'e')
      .where(`(e.subject_type = 'sender_organisation' AND e.subject_id = :id) OR (e.subject_type = 'sender_key' AND e.subject_id = ANY(:keyIds))`, { id, keyIds })
      .orderBy('e.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  findOrganisationByName(name: string): Promise<SenderOrganisation | null> {
    return this.manager.findOne(SenderOrganisation, { where: { name } });
  }

  // Alphabetical; an admin's list stays small (tens of organisations).
  findAllOrganisations(): Promise<SenderOrganisation[]> {
    return this.manager.find(SenderOrganisation, { order: { name: 'ASC', id: 'ASC' } });
  }

  insertKey(values: NewSenderKey): Promise<SenderKey> {
    return this.manager.save(this.manager.create(SenderKey, { ...values, revokedAt: null, lastUsedAt: null }));
  }

  // Live keys first, newest first.
  findKeysOf(organisationIds: string[]): Promise<SenderKey[]> {
    if (!organisationIds.length) return Promise.resolve([]);
    return this.manager
      .createQueryBuilder(SenderKey, 'k')
      .where('k.organisation_id = ANY(:ids)', { ids: organisationIds })
      .orderBy('k.revoked_at IS NULL', 'DESC')
      .addOrderBy('k.created_at', 'DESC')
      .getMany();
  }

  // One query (findOne with a relation sends two), on every filing with a key.
  async findKeyByHash(keyHash: Buffer): Promise<SenderKeyWithOrganisation | null> {
    const key = await this.manager.createQueryBuilder(SenderKey, 'k').innerJoinAndSelect('k.organisation', 'o').where('k.key_hash = :keyHash', { keyHash }).getOne();
    return key ? { key, organisation: key.organisation } : null;
  }

  lockKey(id: string): Promise<SenderKey | null> {
    return this.manager.createQueryBuilder(SenderKey, 'k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
  }

  async revokeKey(id: string, now: Date): Promise<void> {
    await this.manager.createQueryBuilder().update(SenderKey).set({ revokedAt: now }).where('id = :id AND revoked_at IS NULL', { id }).execute();
  }

  // At most once a minute per key (the caller checks first, the statement again): a busy key
  // does not write on every filing.
  async touchKey(id: string, now: Date): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .update(SenderKey)
      .set({ lastUsedAt: now })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at < :before)', { id, before: new Date(now.getTime() - 60_000) })
      .execute();
  }

  // The organisation and key behind a notice, and the organisation's record so far; null
  // for a notice filed without a sender key.
  async findHistoryOfNotice(noticeId: string): Promise<SenderHistory | null> {
    const rows = (await this.manager.query(HISTORY, [noticeId])) as SenderHistory[];
    return rows[0] ?? null;
  }
}
