import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, deskLogger } from './app.factory';
import { ArticlesService } from './articles/articles.service';
import { ConfigError, loadConfig } from './config/desk-config';
import { runMigrations } from './database/migrate';
import { openDatabase } from './database/open-database';
import { UsersService } from './staff/users.service';

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = deskLogger(config);
  Logger.overrideLogger(logger);
  const log = new Logger('desk');

  const database = await openDatabase(config, (line) => log.debug({ msg: 'postgres', line }));
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  let stopping = false;
  // Order matters: stop taking requests, close the pool, then stop the embedded server.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log({ msg: 'shutting down', signal });
    try {
      await app?.close();
    } finally {
      await database.close();
      log.log({ msg: 'stopped' });
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A promise nobody awaits must not take the desk down: pg-boss completes and fails jobs
  // without awaiting, so losing the database during a job killed the process (every
  // instance, on an external database's restart). Logged; the desk serves again when the
  // database is back.
  process.on('unhandledRejection', (reason) => {
    log.error({ msg: 'unhandled promise rejection', error: reason instanceof Error ? reason.stack : String(reason) });
  });

  try {
    const applied = await runMigrations(database.url);
    if (applied.length) log.log({ msg: 'migrations applied', migrations: applied });
    app = await createApp(config, database.url);
    if (config.demoData) await app.get(ArticlesService).seedDemoArticlesIfEmpty();
    const firstAdmin = await app.get(UsersService).createFirstAdminIfNone(config.adminEmail);
    // Shown once, to whoever started the desk: plain text on stderr, never through the log.
    if (firstAdmin) {
      process.stderr.write(
        `\nFirst start: created the admin account\n  e-mail:   ${firstAdmin.email}\n  password: ${firstAdmin.password}\n` +
          'Sign in at /login with it: you will be asked to choose a new password before anything else.\n\n',
      );
    }
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    log.error({ msg: 'start-up failed', error: error instanceof Error ? error.stack : String(error) });
    await app?.close().catch(() => undefined);
    await database.close();
    process.exit(1);
  }
  const readyMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  log.log({
    msg: `Takedown Desk ready on ${config.publicBaseUrl}`,
    readyMs: Math.round(readyMs),
    database: database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL',
  });
}

void main();
