import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

// Options only, no side effects: shared by the app, the CLI, the TypeORM CLI and tests.
export function dataSourceOptions(url: string, overrides: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: { max: overrides.poolSize ?? 20, application_name: 'takedown-desk' },
  };
}
