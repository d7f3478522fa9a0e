import { EntityManager } from 'typeorm';
import { BulkRun } from './bulk-run.entity';

export class BulkRunRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(run: Pick<BulkRun, 'actorId' | 'action' | 'results' | 'queueQuery'>): Promise<string> {
    const result = await this.manager.insert(BulkRun, run);
    return result.identifiers[0].id;
  }

  // One run, only for the staff member who sent it (another's id reads as none).
  findForActor(id: string, actorId: string): Promise<BulkRun | null> {
    return this.manager.findOne(BulkRun, { where: { id, actorId } });
  }
}
