import 'reflect-metadata';
import * as fs from 'node:fs';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { deskLogger } from './app.factory';
import { ArticlesModule } from './articles/articles.module';
import { ArticlesService } from './articles/articles.service';
import { backfillLegalClocks, CLOCKS_BACKFILL_USAGE } from './cases/clock-backfill';
import { CLOCKS_COMPUTE_USAGE, runClocksCompute } from './clocks/clocks-cli';
import { DeskError } from './common/desk-error';
import { ConfigError, DeskConfig, loadConfig } from './config/desk-config';
import { CoreModule } from './core.module';
import { runMigrations } from './database/migrate';
import { Database } from './database/database.service';
import { openDatabase } from './database/open-database';
import { EventSealService } from './events/event-seal.service';
import { EventVerifier } from './events/event-verifier';
import { EventsModule } from './events/events.module';
import { StaffModule } from './staff/staff.module';
import { ConsoleUsageError, createUserFromConsole, USERS_CREATE_USAGE } from './staff/users-cli';
import { UsersService } from './staff/users.service';

// `npm run desk -- <command> [args]`: operator commands on the same database as the desk
// (the embedded one too, even while the server runs).
interface Command {
  usage: string;
  summary: string;
  // false: the command needs no database, and none is opened or started for it.
  database?: false;
  run(context: { args: string[]; config: DeskConfig; get: <T>(type: new (...args: never[]) => T) => T }): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  'articles:import': {
    usage: 'articles:import FILE.json',
    summary: 'Create or update articles (upsert by canonical URL) from a JSON array.',
    async run({ args, get }) {
      const [file] = args;
      if (!file) throw new UsageError('give the JSON file to import');
      let records: unknown;
      try {
        records = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const report = await get(ArticlesService).importArticles(records, { type: 'system', id: 'cli', role: 'operator' });
      console.log(`Imported ${file}: ${report.created} created, ${report.updated} updated.`);
      return 0;
    },
  },
  'clocks:compute': {
    usage: CLOCKS_COMPUTE_USAGE,
    summary: 'Print a legal deadline as JSON, on a real business calendar; exits 2 on bad input.',
    database: false,
    async run({ args, config }) {
      return runClocksCompute(args, config, console.log, console.error);
    },
  },
  'clocks:backfill': {
    usage: CLOCKS_BACKFILL_USAGE,
    summary: 'Start the GDPR and defamation clocks on open cases filed before the desk kept them.',
    async run({ args, config, get }) {
      const unknown = args.filter((arg) => arg !== '--dry-run');
      if (unknown.length) throw new UsageError(`unknown argument ${unknown[0]}`);
      const dryRun = args.includes('--dry-run');
      const report = await backfillLegalClocks(get(Database), config, { dryRun });
      const counts = `${report.gdpr} GDPR answer clock${report.gdpr === 1 ? '' : 's'} and ${report.defamation} defamation contact clock${report.defamation === 1 ? '' : 's'} on ${report.cases} open case${report.cases === 1 ? '' : 's'}`;
      console.log(dryRun ? `Would start ${counts}. Nothing was changed.` : report.cases ? `Started ${counts}.` : 'Every open case already has its legal clocks.');
      return 0;
    },
  },
  'events:seal': {
    usage: 'events:seal',
    summary: 'Seal every event that is ready now (waits for a sealer already at work).',
    async run({ get }) {
      const { seals, events } = await get(EventSealService).sealPending();
      console.log(events ? `Sealed ${events} event${events === 1 ? '' : 's'} in ${seals} seal${seals === 1 ? '' : 's'}.` : 'Nothing to seal.');
      return 0;
    },
  },
  'events:verify': {
    usage: 'events:verify [--json]',
    summary: 'Recompute every event hash and seal; exits 2 when the log was tampered with.',
    async run({ args, get }) {
      const report = await get(EventVerifier).verify({ type: 'system', id: 'cli', role: 'operator' });
      if (args.includes('--json')) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        console.log(
          `${report.ok ? 'OK' : 'BROKEN'}: ${report.events} events (${report.sealedEvents} sealed, ${report.unsealed} not yet), ${report.seals} seals, ${report.durationMs} ms.`,
        );
        if (report.lastSealHash) console.log(`Last seal hash: ${report.lastSealHash}`);
        for (const problem of report.problems) console.log(`  ${problem.kind}: ${problem.detail}`);
        if (report.problemCount > report.problems.length) console.log(`  ... and ${report.problemCount - report.problems.length} more problems.`);
      }
      return report.ok ? 0 : 2;
    },
  },
  'users:create': {
    usage: USERS_CREATE_USAGE,
    summary: 'Add a staff member; the password is asked for (or read from the first line of stdin).',
    async run({ args, get }) {
      try {
        const user = await createUserFromConsole(get(UsersService), args, process.stdin, process.stderr);
        console.log(`Created ${user.role} ${user.email} (${user.id}).`);
        return 0;
      } catch (error) {
        throw error instanceof ConsoleUsageError ? new UsageError(error.message) : error;
      }
    },
  },
};

class UsageError extends Error {}

@Module({})
class CliModule {}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(
      `Usage: npm run desk -- <command>\n\nCommands:\n${Object.values(COMMANDS)
        .map((c) => `  ${c.usage.padEnd(32)} ${c.summary}`)
        .join('\n')}`,
    );
    return name && name !== 'help' ? 64 : 0;
  }
  let config: DeskConfig;
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  if (command.database === false) {
    return command.run({
      args,
      config,
      get: () => {
        throw new Error(`${name} has no database`);
      },
    });
  }
  const database = await openDatabase(config);
  try {
    await runMigrations(database.url);
    const context = await NestFactory.createApplicationContext(
      {
        module: CliModule,
        imports: [CoreModule.forRoot(config, database.url, { backgroundDelivery: false }), EventsModule.forRoot({ backgroundSealing: false }), ArticlesModule, StaffModule],
      },
      { logger: deskLogger(config) },
    );
    try {
      return await command.run({ args, config, get: (type) => context.get(type) });
    } finally {
      await context.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${name}: ${error.message}\nUsage: npm run desk -- ${command.usage}`);
      return 64;
    }
    if (error instanceof DeskError) {
      console.error(`${name}: ${error.detail}`);
      for (const fieldError of error.errors) console.error(`  ${fieldError.field}: ${fieldError.message}`);
      return 65;
    }
    new Logger('cli').error(error instanceof Error ? error.stack : String(error));
    return 1;
  } finally {
    await database.close();
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
