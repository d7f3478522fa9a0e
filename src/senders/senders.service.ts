import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { newSecretToken, sha256 } from '../common/crypto';
import type { RequestMeta } from '../common/request-meta';
import { Database, Repositories } from '../database/database.service';
import { NOTICE_TYPES } from '../notices/completeness';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { DeskError } from '../common/desk-error';
import { CreateSenderDto, CreateSenderKeyDto, SenderDto, SenderKeyDto, UpdateSenderDto } from './dto/sender.dto';
import { changedFields, onlyChanged, senderChange } from './sender-change';
import { SenderErrors } from './sender-errors';
import { SENDER_KEY_PREFIX } from './sender-key-guard';
import { SenderKey } from './sender-key.entity';
import { DEFAULT_SENDER_RATE_PER_MINUTE, SenderOrganisation } from './sender-organisation.entity';
import type { SenderHistory } from './sender.repository';
import type { DeskEvent } from '../events/event.entity';
import { describeSuspension } from '../misuse/misuse-rules';
import type { OrganisationSuspension } from './sender-page';

// `tds_` and 8 characters of the secret: enough to tell keys apart, far too little to guess.
const SHOWN_PREFIX_LENGTH = SENDER_KEY_PREFIX.length + 8;
const UNIQUE_VIOLATION = '23505';

export function toSenderKeyDto(key: SenderKey): SenderKeyDto {
  return {
    id: key.id,
    organisationId: key.organisationId,
    name: key.name,
    prefix: key.prefix,
    allowedTypes: key.allowedTypes,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  };
}

export function toSenderDto(organisation: SenderOrganisation, keys: SenderKey[]): SenderDto {
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    contactName: organisation.contactName,
    contactEmail: organisation.contactEmail,
    contactAddress: organisation.contactAddress,
    contactPhone: organisation.contactPhone,
    status: organisation.status,
    suspendedUntil: organisation.suspendedUntil,
    misuseSuspendedUntil: organisation.misuseSuspendedUntil,
    rateLimitPerMinute: organisation.rateLimitPerMinute,
    version: organisation.version,
    createdAt: organisation.createdAt,
    updatedAt: organisation.updatedAt,
    keys: keys.filter((key) => key.organisationId === organisation.id).map(toSenderKeyDto),
  };
}

// Admins register sender organisations and issue and revoke their keys; every change is
// one transaction with its event.
@Injectable()
export class SendersService {
  constructor(private readonly db: Database) {}

  async list(actor: StaffActor): Promise<SenderDto[]> {
    requireAccess(actor, 'senders.manage');
    const organisations = await this.db.repos.senders.findAllOrganisations();
    const keys = await this.db.repos.senders.findKeysOf(organisations.map((organisation) => organisation.id));
    return organisations.map((organisation) => toSenderDto(organisation, keys));
  }

  async get(actor: StaffActor, id: string): Promise<SenderDto> {
    requireAccess(actor, 'senders.manage');
    const organisation = isUUID(id) ? await this.db.repos.senders.findOrganisation(id) : null;
    if (!organisation) throw SenderErrors.notFound();
    return toSenderDto(organisation, await this.db.repos.senders.findKeysOf([organisation.id]));
  }

  async register(actor: StaffActor, dto: CreateSenderDto, meta: RequestMeta): Promise<SenderDto> {
    requireAccess(actor, 'senders.manage');
    try {
      const organisation = await this.db.transaction(async (tx) => {
        if (await tx.senders.findOrganisationByName(dto.name)) throw SenderErrors.nameTaken();
        const created = await tx.senders.insertOrganisation({
          name: dto.name,
          kind: dto.kind,
          contactName: dto.contactName ?? null,
          contactEmail: dto.contactEmail.toLowerCase(),
          contactAddress: dto.contactAddress ?? null,
          contactPhone: dto.contactPhone ?? null,
          status: dto.status ?? 'active',
          rateLimitPerMinute: dto.rateLimitPerMinute ?? DEFAULT_SENDER_RATE_PER_MINUTE,
        });
        await tx.events.append({
          ...staffEvent(actor, meta),
          action: 'sender.registered',
          subject: { type: 'sender_organisation', id: created.id },
          data: { name: created.name, kind: created.kind, status: created.status, rateLimitPerMinute: created.rateLimitPerMinute },
        });
        return created;
      });
      return toSenderDto(organisation, []);
    } catch (error) {
      // Two admins registering one name at once: the second learns it is taken.
      if (error instanceof QueryFailedError && (error as { code?: string }).code === UNIQUE_VIOLATION) throw SenderErrors.nameTaken();
      throw error;
    }
  }

  // Only the fields given change, at the version the admin read; one event names each change.
  // A new rate limit or status holds from the next request (the key guard reads the row).
  async update(actor: StaffActor, id: string, dto: UpdateSenderDto, meta: RequestMeta): Promise<SenderDto> {
    requireAccess(actor, 'senders.manage');
    try {
      const organisation = await this.db.transaction(async (tx) => {
        const current = isUUID(id) ? await tx.senders.lockOrganisation(id) : null;
        if (!current) throw SenderErrors.notFound();
        if (current.version !== dto.version) throw SenderErrors.versionConflict(current.version);
        const { change, errors } = senderChange(current, dto, new Date());
        if (errors.length) throw DeskError.validation(errors);
        const changes = changedFields(current, change);
        if (!Object.keys(changes).length) return current;
        if (changes.name && (await tx.senders.findOrganisationByName(change.name!))) throw SenderErrors.nameTaken();
        const updated = await tx.senders.updateOrganisation(current.id, current.version, onlyChanged(change, changes));
        await tx.events.append({
          ...staffEvent(actor, meta),
          action: 'sender.updated',
          subject: { type: 'sender_organisation', id: current.id },
          changes,
          data: { name: updated.name, changedFields: Object.keys(changes), version: updated.version },
        });
        return updated;
      });
      return toSenderDto(organisation, await this.db.repos.senders.findKeysOf([organisation.id]));
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === UNIQUE_VIOLATION) throw SenderErrors.nameTaken();
      throw error;
    }
  }

  // The organisation's page: it, what was done to it and its keys (newest first), and its
  // misuse suspensions.
  async organisationPage(actor: StaffActor, id: string): Promise<{ sender: SenderDto; history: DeskEvent[]; suspensions: OrganisationSuspension[] }> {
    const sender = await this.get(actor, id);
    const history = await this.db.repos.senders.findOrganisationEvents(
      sender.id,
      sender.keys.map((key) => key.id),
    );
    const now = new Date();
    const suspensions = (await this.db.repos.misuse.findSuspensionsOfOrganisation(sender.id)).map((s) => describeSuspension(s, null, now));
    return { sender, history, suspensions };
  }

  // The key itself is returned once, here; only its hash is stored.
  async issueKey(actor: StaffActor, organisationId: string, dto: CreateSenderKeyDto, meta: RequestMeta): Promise<{ key: string; record: SenderKey }> {
    requireAccess(actor, 'senders.manage');
    const key = `${SENDER_KEY_PREFIX}${newSecretToken()}`;
    const record = await this.db.transaction(async (tx) => {
      const organisation = isUUID(organisationId) ? await tx.senders.findOrganisation(organisationId) : null;
      if (!organisation) throw SenderErrors.notFound();
      const created = await tx.senders.insertKey({
        organisationId: organisation.id,
        name: dto.name,
        keyHash: sha256(key),
        prefix: key.slice(0, SHOWN_PREFIX_LENGTH),
        allowedTypes: dto.allowedTypes ? NOTICE_TYPES.filter((type) => dto.allowedTypes!.includes(type)) : [...NOTICE_TYPES],
        expiresAt: dto.expiresInDays ? new Date(Date.now() + dto.expiresInDays * 86_400_000) : null,
        createdBy: actor.id,
      });
      await tx.events.append({
        ...staffEvent(actor, meta),
        action: 'sender_key.issued',
        subject: { type: 'sender_key', id: created.id },
        data: {
          organisationId: organisation.id,
          name: created.name,
          prefix: created.prefix,
          allowedTypes: created.allowedTypes,
          expiresAt: created.expiresAt?.toISOString() ?? null,
        },
      });
      return created;
    });
    return { key, record };
  }

  async revokeKey(actor: StaffActor, id: string, meta: RequestMeta): Promise<SenderKey> {
    requireAccess(actor, 'senders.manage');
    return this.db.transaction(async (tx) => {
      const key = isUUID(id) ? await tx.senders.lockKey(id) : null;
      if (!key) throw SenderErrors.keyNotFound();
      if (key.revokedAt) return key;
      const now = new Date();
      await tx.senders.revokeKey(key.id, now);
      await revokedEvent(tx, actor, key, now, meta);
      return { ...key, revokedAt: now };
    });
  }

  // For the case page: who filed it, with which key, and how their notices fared.
  historyOfNotice(noticeId: string): Promise<SenderHistory | null> {
    return this.db.repos.senders.findHistoryOfNotice(noticeId);
  }
}

function staffEvent(actor: StaffActor, meta: RequestMeta) {
  return {
    actor: { type: 'staff' as const, id: actor.id, role: actor.role },
    visibility: 'internal' as const,
    requestId: meta.requestId,
    clientNetwork: meta.network,
  };
}

async function revokedEvent(tx: Repositories, actor: StaffActor, key: SenderKey, now: Date, meta: RequestMeta): Promise<void> {
  await tx.events.append({
    ...staffEvent(actor, meta),
    action: 'sender_key.revoked',
    subject: { type: 'sender_key', id: key.id },
    changes: { revokedAt: { before: null, after: now.toISOString() } },
    data: { organisationId: key.organisationId, name: key.name, prefix: key.prefix },
  });
}
