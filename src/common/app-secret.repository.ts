import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppSecret } from './app-secret.entity';

export class AppSecretRepository {
  constructor(private readonly manager: EntityManager) {}

  // The first instance to ask creates it; every other instance reads the same value.
  async getOrCreate(name: string): Promise<Buffer> {
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(AppSecret)
      .values({ name, value: randomBytes(32) })
      .orIgnore()
      .execute();
    const secret = await this.manager.findOneByOrFail(AppSecret, { name });
    return secret.value;
  }
}
