/** A token bucket: a burst up to `burst`, refilled at `perMinute`. */
export interface RateRule {
	perMinute: number;
	burst: number;
}

/**
 * Request rate limits keyed by workspace or client address. In one process they live in memory;
 * with several processes on one database they live there, so a workspace cannot multiply its
 * budget by spreading its requests over the processes.
 */
export interface RateLimitStore {
	/** Takes one token; resolves 0 when allowed, otherwise the milliseconds until one would be. */
	take(bucket: string, key: string, rule: RateRule, now: number): Promise<number>;
}
