import { createRateLimiter, type RateLimiter } from '../http/rate-limiter.js';
import type { RateLimitStore } from './rate-limit-store.js';

/** One process (SQLite): token buckets in memory, one limiter per bucket name. */
export function createMemoryRateLimits(): RateLimitStore {
	const limiters = new Map<string, RateLimiter>();
	return {
		take: async (bucket, key, rule, now) => {
			const name = `${bucket}:${rule.perMinute}:${rule.burst}`;
			let limiter = limiters.get(name);
			if (limiter === undefined) {
				limiter = createRateLimiter(rule);
				limiters.set(name, limiter);
			}
			return limiter.take(key, now);
		}
	};
}
