import { EntityManager } from 'typeorm';
import { LoginNetwork } from './login-network.entity';

export class LoginNetworkRepository {
  constructor(private readonly manager: EntityManager) {}

  async has(userId: string, network: string): Promise<boolean> {
    return this.manager.existsBy(LoginNetwork, { userId, network });
  }

  async record(userId: string, network: string, now: Date): Promise<void> {
    await this.manager.upsert(LoginNetwork, { userId, network, lastSignedInAt: now }, ['userId', 'network']);
  }
}
