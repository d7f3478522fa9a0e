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
