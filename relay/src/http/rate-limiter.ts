/**
 * Token buckets keyed by workspace (or client address before authentication): a burst up to
 * `burst`, refilled at `perMinute`. Idle buckets are dropped so the map stays small.
 */
export interface RateLimiter {
	/** Returns 0 when allowed, otherwise the milliseconds until one request would be allowed. */
	take(key: string, now: number): number;
}

export function createRateLimiter(options: {
	perMinute: number;
	burst: number;
	maxKeys?: number;
}): RateLimiter {
	const buckets = new Map<string, { tokens: number; at: number }>();
	const ratePerMs = options.perMinute / 60_000;
	const maxKeys = options.maxKeys ?? 10_000;
	return {
		take(key, now) {
			const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
			bucket.tokens = Math.min(
				options.burst,
				bucket.tokens + Math.max(0, now - bucket.at) * ratePerMs
			);
			bucket.at = now;
			if (bucket.tokens < 1) {
				buckets.set(key, bucket);
				return Math.ceil((1 - bucket.tokens) / ratePerMs);
			}
			bucket.tokens -= 1;
			buckets.set(key, bucket);
			if (buckets.size > maxKeys) {
				for (const [k, b] of buckets) {
					if (b.tokens + (now - b.at) * ratePerMs >= options.burst) buckets.delete(k);
				}
			}
			return 0;
		}
	};
}
