import type { PostgresDatabase } from './postgres-database.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { num, type Row } from './row-mapping.js';

/** Every this many takes, buckets idle for an hour (long since full again) are deleted. */
const PRUNE_EVERY = 1000;
const IDLE_MS = 3600_000;

/**
 * Token buckets in the database, so a workspace has one budget however many processes serve it.
 * One statement refills, decides and takes, atomically per bucket row.
 */
export function createPostgresRateLimits({ pool }: PostgresDatabase): RateLimitStore {
	let takes = 0;
	return {
		take: async (bucket, key, rule, now) => {
			const ratePerMs = rule.perMinute / 60_000;
			if (++takes % PRUNE_EVERY === 0)
				await pool.query('DELETE FROM rate_buckets WHERE at < $1', [
					now - Math.max(IDLE_MS, rule.burst / ratePerMs)
				]);
			const refilled = `least($3::double precision, b.tokens + greatest(0, $4::bigint - b.at) * $5::double precision)`;
			const row = (
				await pool.query<Row>(
					`INSERT INTO rate_buckets AS b (bucket, key, tokens, at, allowed)
					 VALUES ($1, $2, $3::double precision - 1, $4, true)
					 ON CONFLICT (bucket, key) DO UPDATE SET
					   tokens = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
					   allowed = ${refilled} >= 1,
					   at = greatest(b.at, $4::bigint)
					 RETURNING tokens, allowed`,
					[bucket, key, rule.burst, now, ratePerMs]
				)
			).rows[0];
			if (row === undefined || row['allowed'] === true) return 0;
			return Math.ceil((1 - num(row, 'tokens')) / ratePerMs);
		}
	};
}
