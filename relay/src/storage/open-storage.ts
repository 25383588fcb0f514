import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openPostgresStorage } from './postgres-storage.js';
import { openSqliteStorage } from './sqlite-storage.js';
import type { Storage } from './storage.js';

/** SQLite in the data directory unless BILLFOLD_DATABASE_URL names a PostgreSQL database. */
export async function openStorage(config: Config, log: Logger): Promise<Storage> {
	if (config.databaseUrl !== undefined)
		return openPostgresStorage(config.databaseUrl, { leaseMs: config.outbox.leaseMs, log });
	return openSqliteStorage(config.dataDir);
}
