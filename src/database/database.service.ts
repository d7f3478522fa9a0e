import { Injectable } from '@nestjs/common';
import { ConnectionBudget } from './connection-budget';
import { DataSource, EntityManager } from 'typeorm';
import { AftercareRepository } from '../aftercare/aftercare.repository';
import { ArticleRepository } from '../articles/article.repository';
import { ArticleRemedyRepository } from '../articles/article-remedy.repository';
import { CaseNoteRepository, InfoRequestRepository } from '../cases/case-note.repository';
import { CaseRepository } from '../cases/case.repository';
import { DecisionRepository } from '../cases/decision.repository';
import { AppSecretRepository } from '../common/app-secret.repository';
import { EventSealRepository } from '../events/event-seal.repository';
import { EventRepository } from '../events/event.repository';
import type { NewEvent } from '../events/event.repository';
import { NotificationRepository } from '../notifications/notification.repository';
import { BulkRunRepository } from '../cases/bulk-run.repository';
import { MessageRepository } from '../messages/message.repository';
import { FilingRepository } from '../notices/filing.repository';
import { NoticeRepository } from '../notices/notice.repository';
import { RateLimitRepository } from '../rate-limit/rate-limit.repository';
import { SenderRepository } from '../senders/sender.repository';
import { ApiTokenRepository } from '../staff/api-token.repository';
import { LoginNetworkRepository } from '../staff/login-network.repository';
import { LoginThrottleRepository } from '../staff/login-throttle.repository';
import { PasswordResetRepository } from '../staff/password-reset.repository';
import { SessionRepository } from '../staff/session.repository';
import { UserRepository } from '../staff/user.repository';
import { ArticleCasesRepository, DuplicatesRepository } from '../duplicates/duplicates.repository';
import { MisuseRepository } from '../misuse/misuse.repository';
import { StrikeRepository } from '../strikes/strike.repository';

// The repositories, bound either to the pool or to one transaction. A service opens the
// transaction in one place (`db.transaction(tx => ...)`) and everything it writes through
// `tx` commits together; nothing threads a query runner through call chains.
export class Repositories {
  readonly articles: ArticleRepository;
  readonly remedies: ArticleRemedyRepository;
  readonly aftercare: AftercareRepository;
  readonly cases: CaseRepository;
  readonly decisions: DecisionRepository;
  readonly infoRequests: InfoRequestRepository;
  readonly notes: CaseNoteRepository;
  readonly events: EventRepository;
  readonly filings: FilingRepository;
  readonly seals: EventSealRepository;
  readonly messages: MessageRepository;
  readonly notices: NoticeRepository;
  readonly rateLimits: RateLimitRepository;
  readonly secrets: AppSecretRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly loginThrottles: LoginThrottleRepository;
  readonly loginNetworks: LoginNetworkRepository;
  readonly passwordResets: PasswordResetRepository;
  readonly senders: SenderRepository;
  readonly duplicates: DuplicatesRepository;
  readonly articleCases: ArticleCasesRepository;
  readonly misuse: MisuseRepository;
  readonly strikes: StrikeRepository;
  readonly notifications: NotificationRepository;
  readonly bulkRuns: BulkRunRepository;

  // `hooks`: what runs after events are appended through these repositories, with them
  // (Database.onEventsAppended); shared by reference, so hooks added later apply too.
  constructor(
    readonly manager: EntityManager,
    hooks: readonly RepositoriesHook[] = [],
  ) {
    this.articles = new ArticleRepository(manager);
    this.remedies = new ArticleRemedyRepository(manager);
    this.aftercare = new AftercareRepository(manager);
    this.cases = new CaseRepository(manager);
    this.decisions = new DecisionRepository(manager);
    this.infoRequests = new InfoRequestRepository(manager);
    this.notes = new CaseNoteRepository(manager);
    this.events = new EventRepository(manager, (events) => runHooks(hooks, this, events));
    this.filings = new FilingRepository(manager);
    this.seals = new EventSealRepository(manager);
    this.messages = new MessageRepository(manager);
    this.notices = new NoticeRepository(manager);
    this.rateLimits = new RateLimitRepository(manager);
    this.secrets = new AppSecretRepository(manager);
    this.users = new UserRepository(manager);
    this.sessions = new SessionRepository(manager);
    this.apiTokens = new ApiTokenRepository(manager);
    this.loginThrottles = new LoginThrottleRepository(manager);
    this.loginNetworks = new LoginNetworkRepository(manager);
    this.passwordResets = new PasswordResetRepository(manager);
    this.senders = new SenderRepository(manager);
    this.duplicates = new DuplicatesRepository(manager);
    this.articleCases = new ArticleCasesRepository(manager);
    this.misuse = new MisuseRepository(manager);
    this.strikes = new StrikeRepository(manager);
    this.notifications = new NotificationRepository(manager);
    this.bulkRuns = new BulkRunRepository(manager);
  }
}

export type RepositoriesHook = (tx: Repositories, events: readonly NewEvent[]) => Promise<void>;

async function runHooks(hooks: readonly RepositoriesHook[], tx: Repositories, events: readonly NewEvent[]): Promise<void> {
  for (const hook of hooks) await hook(tx, events);
}

@Injectable()
export class Database {
  readonly repos: Repositories;

  // Half the pool for reads that hold several connections at once (readSnapshot); the rest
  // stays free for every other request.
  private readonly snapshotBudget: ConnectionBudget;
  private readonly hooks: RepositoriesHook[] = [];

  constructor(readonly dataSource: DataSource) {
    this.repos = new Repositories(dataSource.manager, this.hooks);
    const poolSize = (dataSource.options as { extra?: { max?: number } }).extra?.max ?? 10;
    this.snapshotBudget = new ConnectionBudget(Math.max(1, Math.floor(poolSize / 2)));
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new Repositories(manager, this.hooks)));
  }

  // Runs `hook` after every append of events, in the appending transaction.
  onEventsAppended(hook: RepositoriesHook): void {
    this.hooks.push(hook);
  }

  // Read-only transactions on one snapshot, on `connections` connections: long reads
  // (verification) see one consistent database, in parallel, while writers carry on.
  readSnapshot<T>(connections: number, work: (txs: Repositories[]) => Promise<T>): Promise<T> {
    return this.snapshotBudget.use(connections, () => this.readOneSnapshot(connections, work));
  }

  private async readOneSnapshot<T>(connections: number, work: (txs: Repositories[]) => Promise<T>): Promise<T> {
    const runners = Array.from({ length: connections }, () => this.dataSource.createQueryRunner());
    try {
      let snapshot: string | null = null;
      for (const runner of runners) {
        await runner.startTransaction('REPEATABLE READ');
        if (snapshot === null) {
          [{ snapshot }] = await runner.query('SELECT pg_export_snapshot() AS snapshot');
        } else {
          if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
          await runner.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
        }
        await runner.query('SET TRANSACTION READ ONLY');
      }
      const result = await work(runners.map((runner) => new Repositories(runner.manager)));
      for (const runner of runners) await runner.commitTransaction();
      return result;
    } catch (error) {
      for (const runner of runners) if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      for (const runner of runners) await runner.release();
    }
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
