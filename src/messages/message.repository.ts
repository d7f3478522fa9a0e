import { EntityManager } from 'typeorm';
import { Message, MessageState } from './message.entity';

export type NewMessage = Pick<Message, 'caseId' | 'kind' | 'recipientRole' | 'toAddress' | 'subject' | 'body' | 'state'>;

export class MessageRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(message: NewMessage): Promise<string> {
    const result = await this.manager.insert(Message, message);
    return result.identifiers[0].id as string;
  }

  // Inside the caller's transaction: the row is locked so that its previous state, recorded
  // in the delivery's event, is the one this update replaced.
  async markDelivery(id: string, state: MessageState, error: string | null): Promise<{ caseId: string | null; before: MessageState; attempts: number } | null> {
    const previous = await this.manager.findOne(Message, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!previous) return null;
    await this.manager
      .createQueryBuilder()
      .update(Message)
      .set({ state, lastError: error, attempts: () => 'attempts + 1', sentAt: state === 'sent' ? () => 'now()' : undefined })
      .where('id = :id', { id })
      .execute();
    return { caseId: previous.caseId, before: previous.state, attempts: previous.attempts + 1 };
  }

  findForCase(caseId: string): Promise<Message[]> {
    return this.manager.find(Message, { where: { caseId }, order: { createdAt: 'ASC' } });
  }
}
