// Entry for the TypeORM CLI (`npm run migration:generate -- migrations/Name`): the same
// database the desk would use, embedded PostgreSQL included.
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/desk-config';
import { dataSourceOptions } from './data-source-options';
import { openDatabase } from './open-database';

export default (async () => {
  const database = await openDatabase(loadConfig());
  return new DataSource(dataSourceOptions(database.url));
})();
