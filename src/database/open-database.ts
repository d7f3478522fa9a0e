import { Client } from 'pg';
import type { DeskConfig } from '../config/desk-config';
import { EmbeddedDatabase, EmbeddedSetupError } from './embedded-database';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE_NAME = 'desk';

// DATABASE_URL when set; otherwise a real embedded PostgreSQL under DESK_DATA_DIR that
// keeps its data across restarts (durable settings: this is the running desk).
export async function openDatabase(config: DeskConfig, log?: (line: string) => void): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, close: async () => undefined };
  }
  const server = new EmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedDbPort, durable: true, log });
  try {
    await server.start();
  } catch (error) {
    // This machine stands in the way (users, folder modes): say what and how, nothing more.
    if (!(error instanceof EmbeddedSetupError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  await ensureDatabase(server.url, EMBEDDED_DATABASE_NAME);
  const url = new URL(server.url);
  url.pathname = `/${EMBEDDED_DATABASE_NAME}`;
  return { url: url.toString(), embedded: true, close: () => server.stop() };
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
