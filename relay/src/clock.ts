/** Time is injected so retention, backoff and quotas can be tested without waiting. */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar date (YYYY-MM-DD) of an epoch-millisecond instant. */
export function utcDate(epochMs: number): string {
	return new Date(epochMs).toISOString().slice(0, 10);
}

export function isoTime(epochMs: number): string {
	return new Date(epochMs).toISOString();
}

export function isoTimeOrNull(epochMs: number | null): string | null {
	return epochMs === null ? null : isoTime(epochMs);
}
