import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { SHARED_HOME } from '../src/database/cluster-placement';
import { EmbeddedDatabase } from '../src/database/embedded-database';

// A desk whose data folder sits in a folder closed to others (a clone in /root, mode 700).
// As root the embedded PostgreSQL runs as `postgres`, who cannot enter it: the cluster must
// live where that user can reach it, be found again on restart, and keep its data.
describe('embedded PostgreSQL with its data folder in a closed folder', () => {
  let closed: string;
  let dataDir: string;
  let moved: string | null = null;
  beforeAll(() => {
    closed = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-closed-'));
    fs.chmodSync(closed, 0o700);
    dataDir = path.join(closed, 'desk-data');
  });
  afterAll(() => {
    if (moved) fs.rmSync(moved, { recursive: true, force: true });
    fs.rmSync(closed, { recursive: true, force: true });
  });

  async function query(embedded: EmbeddedDatabase, sql: string): Promise<unknown[]> {
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('keeps the cluster where PostgreSQL can reach it, with its data across a restart, and removes it when asked', async () => {
    const first = new EmbeddedDatabase({ dataDir, durable: false });
    await first.start();
    const recorded = JSON.parse(fs.readFileSync(path.join(dataDir, 'cluster.json'), 'utf8')) as { clusterDir?: string };
    moved = recorded.clusterDir ? path.dirname(recorded.clusterDir) : null;
    await query(first, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.stop();

    const second = new EmbeddedDatabase({ dataDir, durable: false });
    await second.start();
    try {
      expect(await query(second, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }

    if (process.getuid?.() === 0) {
      const clusterDir = recorded.clusterDir!;
      const home = path.dirname(clusterDir);
      expect(path.dirname(home)).toBe(SHARED_HOME);
      expect(fs.readFileSync(path.join(home, 'data-dir.txt'), 'utf8').trim()).toBe(fs.realpathSync(dataDir));
      const [homeStat, clusterStat] = [fs.statSync(home), fs.statSync(clusterDir)];
      expect({ owner: homeStat.uid, mode: homeStat.mode & 0o777 }).toEqual({ owner: 0, mode: 0o755 });
      expect(clusterStat.uid).not.toBe(0);
      expect(clusterStat.mode & 0o777).toBe(0o700);
      const writableByAll = (fs.readdirSync(home, { recursive: true }) as string[]).filter((entry) => {
        const stat = fs.lstatSync(path.join(home, entry));
        return !stat.isSymbolicLink() && (stat.mode & 0o002) !== 0;
      });
      expect(writableByAll).toEqual([]);
      second.removeFiles();
      expect(fs.existsSync(home)).toBe(false);
    } else {
      // Not root: PostgreSQL runs as this user, who reaches its own folder.
      expect(recorded.clusterDir).toBeUndefined();
      second.removeFiles();
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
