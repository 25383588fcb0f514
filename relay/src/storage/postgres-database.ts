import pg from 'pg';
import { coalescingFlush } from './coalescing-flush.js';
import { migrations } from './postgres-migrations.js';
import { routines } from './postgres-routines.js';

/** Key of the session advisory lock under which one process migrates while the others wait. */
const MIGRATION_LOCK = 0x62_69_6c_6c; // "bill"

const INT8_OID = 20;

/**
 * Epochs, counts and sequence numbers are bigint columns; they stay far below 2^53, so they are
 * parsed as numbers, like better-sqlite3 returns them.
 */
const types: pg.CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === INT8_OID
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser']
};

/** SQLSTATEs after which the whole transaction is run again: it re-reads what it decides on. */
const RETRYABLE = new Set([
	'40001', // serialization_failure
	'40P01', // deadlock_detected
	'23505' // unique_violation: a concurrent insert of the same key won; the retry sees it
]);
const MAX_ATTEMPTS = 5;

export type Sql = Pick<pg.PoolClient, 'query'>;

export interface PostgresDatabase {
	pool: pg.Pool;
	url: string;
	/**
	 * Runs `work` in one transaction, again (up to 5 times) after a deadlock or a lost race. Like
	 * every statement of the pool, its commit does not wait for the disk.
	 */
	transaction<T>(
		work: (sql: Sql) => Promise<T>,
		options?: { isolation?: 'REPEATABLE READ'; readOnly?: boolean }
	): Promise<T>;
	/**
	 * Runs one statement (a routine call, see postgres-routines.ts) as its own transaction, again
	 * after a deadlock or a lost race like transaction(): one round trip instead of BEGIN … COMMIT.
	 */
	statement<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]>;
	/** Resolves once every commit made before the call is on disk; concurrent callers share one flush. */
	durable(): Promise<void>;
	close(): Promise<void>;
}

function sqlState(error: unknown): string | undefined {
	return error instanceof pg.DatabaseError ? error.code : undefined;
}

export async function openPostgresDatabase(url: string): Promise<PostgresDatabase> {
	// synchronous_commit off: a commit returns before its WAL is on disk, so a row lock (a series,
	// a sync head, a rate bucket) is held for the transaction's work, never for an fsync. Callers
	// await durable() before they acknowledge anything, which flushes every commit before it.
	const pool = new pg.Pool({
		connectionString: url,
		max: 10,
		types,
		options: '-c synchronous_commit=off'
	});
	// An idle client whose connection drops emits here; unheard, it would end the process. The
	// pool replaces the client on the next checkout.
	pool.on('error', () => undefined);
	await migrate(pool);

	const transaction: PostgresDatabase['transaction'] = async (work, options = {}) => {
		const begin = ['BEGIN'];
		if (options.isolation !== undefined) begin.push('ISOLATION LEVEL', options.isolation);
		if (options.readOnly === true) begin.push('READ ONLY');
		for (let attempt = 1; ; attempt++) {
			const client = await pool.connect();
			let broken = false;
			try {
				await client.query(begin.join(' '));
				const result = await work(client);
				await client.query('COMMIT');
				return result;
			} catch (error) {
				const state = sqlState(error);
				// Without a SQLSTATE the connection itself failed: drop it rather than reuse it.
				broken = state === undefined;
				if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
				if (state !== undefined && RETRYABLE.has(state) && attempt < MAX_ATTEMPTS) continue;
				throw error;
			} finally {
				client.release(broken);
			}
		}
	};
	const statement: PostgresDatabase['statement'] = async <R extends pg.QueryResultRow>(
		text: string,
		values: unknown[]
	): Promise<R[]> => {
		for (let attempt = 1; ; attempt++) {
			try {
				return (await pool.query<R>(text, values)).rows;
			} catch (error) {
				const state = sqlState(error);
				if (state !== undefined && RETRYABLE.has(state) && attempt < MAX_ATTEMPTS) continue;
				throw error;
			}
		}
	};
	// A synchronous commit that has a transaction id writes a commit record and waits until the WAL
	// is flushed up to it, which covers every asynchronous commit before it, on any process. The
	// four statements go as one simple query: one round trip per flush instead of four.
	const flusher = coalescingFlush(async () => {
		const client = await pool.connect();
		let broken = false;
		try {
			await client.query('BEGIN; SET LOCAL synchronous_commit = on; SELECT txid_current(); COMMIT');
		} catch (error) {
			broken = true;
			throw error;
		} finally {
			client.release(broken);
		}
	});
	return {
		pool,
		url,
		transaction,
		statement,
		durable: flusher.durable,
		close: async () => {
			await flusher.settled();
			await pool.end();
		}
	};
}

/**
 * Forward-only steps from postgres-migrations.ts, each in its own transaction, recorded in
 * schema_migrations, then the routines of postgres-routines.ts. Several processes starting together queue on one advisory lock, so the
 * schema is migrated exactly once and nobody serves requests on a half-migrated database.
 */
async function migrate(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		try {
			await client.query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)'
			);
			const { rows } = await client.query<{ v: number }>(
				'SELECT coalesce(max(version), 0)::integer AS v FROM schema_migrations'
			);
			const current = rows[0]?.v ?? 0;
			for (let step = current; step < migrations.length; step++) {
				const sql = migrations[step];
				if (sql === undefined) continue;
				await client.query('BEGIN');
				try {
					await client.query(sql);
					await client.query(
						'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)',
						[step + 1, Date.now()]
					);
					await client.query('COMMIT');
				} catch (error) {
					await client.query('ROLLBACK');
					throw error;
				}
			}
			for (const sql of routines) await client.query(sql);
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
		}
	} finally {
		client.release();
	}
}
