/** Exponential backoff with ±20 % jitter so that retries after an outage do not arrive in lockstep. */
export function backoffDelay(
	attempt: number,
	baseMs: number,
	maxMs: number,
	random: () => number = Math.random
): number {
	const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	const jittered = exponential * (0.8 + 0.4 * random());
	return Math.max(1, Math.min(maxMs, Math.round(jittered)));
}
