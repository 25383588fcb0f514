import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { hashToken } from '../auth/tokens.js';
import { coalescingFlush } from './coalescing-flush.js';
import { migrations } from './sqlite-migrations.js';

function migrate(db: Database.Database): void {
	const current = db.pragma('user_version', { simple: true });
	const version = typeof current === 'number' ? current : 0;
	if (version >= migrations.length) return;
	db.function('billfold_sha256', { deterministic: true }, (value: unknown) =>
		hashToken(String(value))
	);
	// A step may replace a secret by its hash: the connection zeroes freed bytes (secure_delete,
	// set by the caller), and the WAL is copied into the database and truncated afterwards.
	for (let step = version; step < migrations.length; step++) {
		const sql = migrations[step];
		if (sql === undefined) continue;
		db.transaction(() => {
			db.exec(sql);
			const broken = db.pragma('foreign_key_check') as unknown[];
			if (broken.length > 0) throw new Error(`migration ${step + 1} broke foreign keys`);
			db.pragma(`user_version = ${step + 1}`);
		}).immediate();
	}
	db.pragma('wal_checkpoint(TRUNCATE)');
}

export interface SqliteDatabase {
	db: Database.Database;
	/** Resolves once every commit made before the call is on disk (see walFlusher). */
	durable(): Promise<void>;
	close(): void;
}

/**
 * SQLite in WAL mode. Commits run on the event loop without waiting for the disk
 * (synchronous=NORMAL); durable() then fdatasyncs the WAL on libuv's thread pool, one flush for
 * every commit made while the previous flush ran (group commit). A 201/202 is sent only after
 * durable(), so neither a crash nor a power cut can lose an acknowledged job or hand the same
 * invoice number out twice, and the event loop never blocks on fsync.
 */
export function openSqliteDatabase(dataDir: string): SqliteDatabase {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, 'relay.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	// Deleted rows are overwritten with zeros, so purged invoices do not linger in free space.
	db.pragma('secure_delete = ON');
	// Schema changes that rebuild a table run with foreign keys off, as SQLite prescribes (the
	// driver turns them on by default); the check in each step proves every reference survived.
	db.pragma('foreign_keys = OFF');
	migrate(db);
	db.pragma('foreign_keys = ON');
	const wal = walFlusher(path.join(dataDir, 'relay.sqlite-wal'));
	return {
		db,
		durable: wal.durable,
		close: () => {
			wal.close();
			db.close();
		}
	};
}

/** fdatasync of the WAL file, coalesced: callers that arrive during a flush share the next one. */
function walFlusher(walPath: string): { durable: () => Promise<void>; close: () => void } {
	let handle: fsp.FileHandle | undefined;
	const flusher = coalescingFlush(async () => {
		if (handle === undefined) {
			try {
				handle = await fsp.open(walPath, 'r');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
				throw error;
			}
		}
		await handle.datasync();
	});
	const close = (): void => {
		const open = handle;
		handle = undefined;
		// The descriptor is closed when the last flush in flight has finished with it.
		void flusher
			.settled()
			.then(() => open?.close())
			.catch(() => undefined);
	};
	return { durable: flusher.durable, close };
}
