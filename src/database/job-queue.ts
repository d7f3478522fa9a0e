import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { ADVISORY_LOCK, withSessionLock } from './advisory-locks';

export interface JobQueueOptions {
  name: string;
  policy: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit: number;
  expireInSeconds: number;
  // How often pg-boss's upkeep runs (one instance at a time): it fails runs active for
  // longer than expireInSeconds, such as one whose instance crashed.
  maintenanceIntervalSeconds: number;
}

// A started pg-boss on the desk's database with `queue` created. pg-boss installs its
// schema under a lock of its own, but two instances creating the same queue at once
// deadlock inside its create_queue (each inserts the queue's row, then alters the job
// table that the other's insert has locked): the instances take turns here, and the
// later ones find the queue there.
export async function openJobQueue(dataSource: DataSource, queue: JobQueueOptions, onError: (error: Error) => void): Promise<PgBoss> {
  const { url } = dataSource.options as { url?: string };
  const boss = new PgBoss({
    connectionString: url,
    max: 2,
    application_name: 'takedown-desk-jobs',
    schedule: false,
    maintenanceIntervalSeconds: queue.maintenanceIntervalSeconds,
  });
  boss.on('error', onError);
  try {
    await withSessionLock(dataSource, ADVISORY_LOCK.jobQueueSetup, async () => {
      await boss.start();
      const { maintenanceIntervalSeconds: _upkeep, ...queueOptions } = queue;
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queueOptions);
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
  return boss;
}

export interface PeriodicJob {
  // A run now, outside the interval's throttle (operators, tests).
  requestNow(): Promise<void>;
  stop(): Promise<void>;
}

// One pg-boss per process and database for every periodic job (sealing, due clocks, message
// delivery): one pool and one upkeep loop instead of one each. Opened by the first job,
// stopped when the last one stops.
interface SharedQueue {
  boss: PgBoss;
  users: number;
  queues: Set<string>;
}
const shared = new WeakMap<DataSource, Promise<SharedQueue>>();

async function joinSharedQueue(dataSource: DataSource, queue: JobQueueOptions, onError: (error: Error) => void): Promise<SharedQueue> {
  let opening = shared.get(dataSource);
  if (!opening) {
    opening = openJobQueue(dataSource, queue, onError).then((boss) => ({ boss, users: 0, queues: new Set([queue.name]) }));
    shared.set(dataSource, opening);
    opening.catch(() => shared.delete(dataSource));
  }
  const entry = await opening;
  if (!entry.queues.has(queue.name)) {
    const { maintenanceIntervalSeconds: _upkeep, ...queueOptions } = queue;
    await withSessionLock(dataSource, ADVISORY_LOCK.jobQueueSetup, async () => {
      if (!(await entry.boss.getQueue(queue.name))) await entry.boss.createQueue(queue.name, queueOptions);
    });
    entry.queues.add(queue.name);
  }
  entry.users += 1;
  return entry;
}

async function leaveSharedQueue(dataSource: DataSource, entry: SharedQueue): Promise<void> {
  entry.users -= 1;
  if (entry.users > 0) return;
  shared.delete(dataSource);
  await entry.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
}

// A job run about every `everySeconds` across all instances: each instance asks for a run
// that often, throttled to one per interval (a 'stately' queue keeps at most one queued and
// one running), and asks once at start, so work that fell due while the desk was down runs
// when it is back. `what` names the run in the warning when a request cannot be queued.
export async function startPeriodicJob(
  dataSource: DataSource,
  queue: JobQueueOptions & { everySeconds: number; pollingIntervalSeconds: number; what: string },
  run: () => Promise<unknown>,
  logger: { error(message: object): void; warn(message: object): void },
): Promise<PeriodicJob> {
  const { everySeconds, pollingIntervalSeconds, what, ...options } = queue;
  const entry = await joinSharedQueue(dataSource, options, (error) => logger.error({ msg: 'job queue error', error: error.message }));
  const { boss } = entry;
  let running: Promise<unknown> | null = null;
  await boss.work(options.name, { pollingIntervalSeconds }, () => {
    running = run().finally(() => (running = null));
    return running;
  });
  const sendNow = async () => {
    await boss.send(options.name, {});
  };
  const request = async (send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (error) {
      logger.warn({ msg: `could not queue ${what}`, error: error instanceof Error ? error.message : String(error) });
    }
  };
  // The start's request is not throttled: a throttled one is dropped when an instance that
  // has since stopped already asked in this interval, and work that fell due while the desk
  // was down would wait a whole interval. The stately queue still keeps one run queued.
  await request(sendNow);
  const timer = setInterval(() => void request(() => boss.sendThrottled(options.name, {}, {}, everySeconds)), everySeconds * 1000);
  timer.unref();
  return {
    requestNow: sendNow,
    // Lets a running job finish (each unit of work is its own transaction, so stopping early is safe too).
    stop: async () => {
      clearInterval(timer);
      await boss.offWork(options.name);
      await running?.catch(() => undefined);
      await leaveSharedQueue(dataSource, entry);
    },
  };
}
