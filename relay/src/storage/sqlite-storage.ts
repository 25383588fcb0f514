import { createSqliteCompanyLookups } from './sqlite-company-lookups.js';
import { createLocalEvents } from './local-events.js';
import { createMemoryRateLimits } from './memory-rate-limits.js';
import { openSqliteDatabase } from './sqlite-database.js';
import { createSqliteDeviceStores } from './sqlite-devices.js';
import { createSqliteInbox } from './sqlite-inbox.js';
import { createSqliteMailPreviews } from './sqlite-mail-previews.js';
import { createSqliteOutbox } from './sqlite-outbox.js';
import { createSqlitePeppolConnections } from './sqlite-peppol-connections.js';
import { createSqliteSequencer } from './sqlite-sequencer.js';
import { createSqliteSyncLog } from './sqlite-sync-log.js';
import type { Storage } from './storage.js';

/** Every store on one SQLite database in the data directory (see sqlite-database.ts). */
export function openSqliteStorage(dataDir: string): Storage {
	const { db, durable, close } = openSqliteDatabase(dataDir);
	return {
		backend: 'sqlite',
		...createSqliteDeviceStores(db),
		sequencer: createSqliteSequencer(db),
		outbox: createSqliteOutbox(db),
		mailPreviews: createSqliteMailPreviews(db),
		syncLog: createSqliteSyncLog(db),
		peppolConnections: createSqlitePeppolConnections(db),
		inbox: createSqliteInbox(db),
		companyLookups: createSqliteCompanyLookups(db),
		rateLimits: createMemoryRateLimits(),
		events: createLocalEvents(),
		durable,
		reclaimDeletedSpace: async () => {
			const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
			if (result?.busy !== 0) throw new Error('storage: the WAL checkpoint could not complete');
		},
		close: async () => close()
	};
}
