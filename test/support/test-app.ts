import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { ArticlesService } from '../../src/articles/articles.service';
import { loadConfig } from '../../src/config/desk-config';
import { freePort } from '../../src/database/embedded-database';
import { createTestDatabase, TestDatabase } from './test-db';

export interface TestApp {
  baseUrl: string;
  app: NestFastifyApplication;
  db: TestDatabase;
  close(): Promise<void>;
}

// The real app on a real PostgreSQL database of its own, listening on a free loopback
// port: tests talk to it over HTTP like any client.
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config, db.url);
  await app.get(ArticlesService).seedDemoArticlesIfEmpty();
  await app.listen({ port, host: '127.0.0.1' });
  return {
    baseUrl,
    app,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
