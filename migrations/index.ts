import { Initial1764300000000 } from './1764300000000-Initial';

// Every migration, in order. Listed explicitly so that the app, the CLI and the tests
// load the same set without file globbing.
export const MIGRATIONS = [Initial1764300000000];
