import type { PostgresDatabase } from './postgres-database.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { batchedCalls, byOrd } from './postgres-batch.js';
import { num, type Row } from './row-mapping.js';

/** Every this many takes, buckets idle for an hour (long since full again) are deleted. */
const PRUNE_EVERY = 1000;
const IDLE_MS = 3600_000;

interface Take {
	bucket: string;
	key: string;
	burst: number;
	now: number;
	ratePerMs: number;
}

/**
 * Token buckets in the database, so a workspace has one budget however many processes serve it.
 * A take refills, decides and takes atomically per bucket row; the takes that arrive while one
 * runs go together as one call of billfold_take_many_v1 (postgres-batch.ts, postgres-routines.ts).
 */
export function createPostgresRateLimits({ pool, statement }: PostgresDatabase): RateLimitStore {
	let takes = 0;
	const takeMany = batchedCalls(async (calls: Take[]) =>
		byOrd(
			await statement<Row>(
				'SELECT * FROM billfold_take_many_v1($1::text[], $2::text[], $3::float8[], $4::bigint[], $5::float8[]) ORDER BY ord',
				[
					calls.map((c) => c.bucket),
					calls.map((c) => c.key),
					calls.map((c) => c.burst),
					calls.map((c) => c.now),
					calls.map((c) => c.ratePerMs)
				]
			),
			calls.length,
			(row) => ({ allowed: row['allowed'] === true, tokens: num(row, 'tokens') })
		)
	);
	return {
		take: async (bucket, key, rule, now) => {
			const ratePerMs = rule.perMinute / 60_000;
			if (++takes % PRUNE_EVERY === 0)
				await pool.query('DELETE FROM rate_buckets WHERE at < $1', [
					now - Math.max(IDLE_MS, rule.burst / ratePerMs)
				]);
			const taken = await takeMany({ bucket, key, burst: rule.burst, now, ratePerMs });
			if (taken.allowed) return 0;
			return Math.ceil((1 - taken.tokens) / ratePerMs);
		}
	};
}
