import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActorType, DeskEvent, EventVisibility, FieldChanges } from './event.entity';

export interface Actor {
  type: ActorType;
  id: string | null;
  role?: string | null;
}

export interface NewEvent {
  actor: Actor;
  action: string;
  subject: { type: string; id: string };
  caseId?: string | null;
  caseReference?: string | null;
  changes?: FieldChanges;
  data?: Record<string, unknown>;
  visibility: EventVisibility;
  requestId?: string | null;
  clientNetwork?: string | null;
}

export class EventRepository {
  constructor(private readonly manager: EntityManager) {}

  // Append-only: there is no update or delete here, and a trigger refuses both.
  async append(...events: NewEvent[]): Promise<void> {
    if (!events.length) return;
    await this.manager.insert(
      DeskEvent,
      events.map((event) => ({
        actorType: event.actor.type,
        actorId: event.actor.id,
        actorRole: event.actor.role ?? null,
        action: event.action,
        subjectType: event.subject.type,
        subjectId: event.subject.id,
        caseId: event.caseId ?? null,
        caseReference: event.caseReference ?? null,
        changes: event.changes ?? {},
        data: event.data ?? {},
        visibility: event.visibility,
        requestId: event.requestId ?? null,
        clientNetwork: event.clientNetwork ?? null,
      })) as QueryDeepPartialEntity<DeskEvent>[],
    );
  }

  findCaseTimeline(caseId: string, visibilities: EventVisibility[]): Promise<DeskEvent[]> {
    return this.manager
      .createQueryBuilder(DeskEvent, 'e')
      .where('e.case_id = :caseId', { caseId })
      .andWhere('e.visibility IN (:...visibilities)', { visibilities })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  countAll(): Promise<number> {
    return this.manager.count(DeskEvent);
  }
}
