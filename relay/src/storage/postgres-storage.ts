import type { Logger } from '../log.js';
import { createPostgresCompanyLookups } from './postgres-company-lookups.js';
import { openPostgresDatabase } from './postgres-database.js';
import { createPostgresDeviceStores } from './postgres-devices.js';
import { createPostgresEvents, type PostgresEvents } from './postgres-events.js';
import { createPostgresInbox } from './postgres-inbox.js';
import { createPostgresMailPreviews } from './postgres-mail-previews.js';
import { createPostgresNudges } from './postgres-nudges.js';
import { createPostgresOutbox } from './postgres-outbox.js';
import { createPostgresPeppolConnections } from './postgres-peppol-connections.js';
import { createPostgresRateLimits } from './postgres-rate-limits.js';
import { createPostgresSequencer } from './postgres-sequencer.js';
import { createPostgresSyncLog } from './postgres-sync-log.js';
import { CONTENT_TABLES, type Storage } from './storage.js';

/**
 * Every store on one PostgreSQL database, shared by any number of relay processes. Transactions
 * commit without waiting for the disk and durable() flushes them together (group commit), as on
 * SQLite: a row lock is held for one transaction's work, not for an fsync.
 */
export async function openPostgresStorage(
	url: string,
	options: { leaseMs: number; log: Logger }
): Promise<Storage> {
	const database = await openPostgresDatabase(url);
	let events: PostgresEvents;
	try {
		events = await createPostgresEvents(database, options.log);
	} catch (error) {
		await database.close();
		throw error;
	}
	return {
		backend: 'postgres',
		...createPostgresDeviceStores(database),
		sequencer: createPostgresSequencer(database),
		outbox: createPostgresOutbox(database, options.leaseMs, events.origin),
		mailPreviews: createPostgresMailPreviews(database),
		syncLog: createPostgresSyncLog(database),
		peppolConnections: createPostgresPeppolConnections(database),
		inbox: createPostgresInbox(database),
		nudges: createPostgresNudges(database),
		companyLookups: createPostgresCompanyLookups(database),
		rateLimits: createPostgresRateLimits(database),
		events,
		durable: database.durable,
		// VACUUM FULL rewrites the tables into new files and deletes the old ones, so purged
		// content and scrubbed reasons are not left in free space of the live files.
		reclaimDeletedSpace: async (tables = CONTENT_TABLES) => {
			// The names come from CONTENT_TABLES, never from a request.
			if (tables.length > 0) await database.pool.query(`VACUUM FULL ${tables.join(', ')}`);
		},
		close: async () => {
			await events.close();
			await database.close();
		}
	};
}
