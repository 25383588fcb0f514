import type { Config } from '../config.js';
import { openSqliteStorage } from './sqlite-storage.js';
import type { Storage } from './storage.js';

/** SQLite in the data directory unless BILLFOLD_DATABASE_URL names a PostgreSQL database. */
export async function openStorage(config: Config): Promise<Storage> {
	return openSqliteStorage(config.dataDir);
}
