import { EntityManager, IsNull } from 'typeorm';
import { CaseNote } from './case-note.entity';
import { InfoRequest } from './info-request.entity';

export class CaseNoteRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(note: Pick<CaseNote, 'caseId' | 'authorId' | 'body'>): Promise<CaseNote> {
    const result = await this.manager.insert(CaseNote, note);
    return { ...note, id: result.identifiers[0].id, createdAt: result.generatedMaps[0].createdAt } as CaseNote;
  }

  findForCase(caseId: string): Promise<CaseNote[]> {
    return this.manager.find(CaseNote, { where: { caseId }, order: { createdAt: 'ASC' } });
  }
}

export class InfoRequestRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(request: Pick<InfoRequest, 'caseId' | 'requestedBy' | 'message'>): Promise<InfoRequest> {
    const result = await this.manager.insert(InfoRequest, request);
    return { ...request, id: result.identifiers[0].id, createdAt: result.generatedMaps[0].createdAt, answer: null, answeredAt: null } as InfoRequest;
  }

  findOpen(caseId: string): Promise<InfoRequest | null> {
    return this.manager.findOne(InfoRequest, { where: { caseId, answeredAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async answer(id: string, answer: string | null): Promise<void> {
    await this.manager.update(InfoRequest, { id }, { answer, answeredAt: () => 'now()' });
  }

  findForCase(caseId: string): Promise<InfoRequest[]> {
    return this.manager.find(InfoRequest, { where: { caseId }, order: { createdAt: 'ASC' } });
  }
}
