import { EntityManager } from 'typeorm';
import { Message, MessageState } from './message.entity';

export type NewMessage = Pick<Message, 'caseId' | 'kind' | 'recipientRole' | 'toAddress' | 'subject' | 'body' | 'state'>;

export class MessageRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(message: NewMessage): Promise<string> {
    const result = await this.manager.insert(Message, message);
    return result.identifiers[0].id as string;
  }

  async markDelivery(id: string, state: MessageState, error: string | null): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .update(Message)
      .set({ state, lastError: error, attempts: () => 'attempts + 1', sentAt: state === 'sent' ? () => 'now()' : undefined })
      .where('id = :id', { id })
      .execute();
  }

  findForCase(caseId: string): Promise<Message[]> {
    return this.manager.find(Message, { where: { caseId }, order: { createdAt: 'ASC' } });
  }
}
