import type { Epoch } from './epoch.js';
import type { AppendOutcome, SyncAppendRequest, SyncLogStore } from './sync-log-store.js';

interface Waiting {
	request: SyncAppendRequest;
	resolve(outcome: AppendOutcome): void;
	reject(error: unknown): void;
}

/**
 * How long a group may wait, right after a flush, for the pushes that flush answered to come
 * back (see syncLogGroupCommit): as long as a flush takes (a moving average, as one flush's time
 * varies a lot on a shared disk), at most 20 ms. Waiting pays while it is shorter than the flush
 * a latecomer would otherwise wait for on its own.
 */
export function defaultGroupWaitMs(flushMs: number): number {
	return Math.min(flushMs, 20);
}

/**
 * Group commit for sync pushes: every push that arrives while the previous group is being made
 * durable waits for it, then all of them are appended in one transaction and made durable by one
 * flush. A push is answered only after the flush that covers its rows, as before; what changes is
 * that 32 concurrent single-row pushes cost one commit and one fsync instead of 32 commits.
 *
 * A group starts on the next turn of the event loop (setImmediate), so the pushes whose bodies
 * were read in the same turn join it. Right after a flush, a group that holds fewer pushes than
 * were in play when that flush ended (the ones it answered plus the ones waiting) waits a little
 * for the rest, up to `waitMs(flushMs)`: devices push again as soon as they are answered, and
 * a group that starts its flush without them leaves them to a flush of their own, so the devices
 * split into two halves that take turns and every flush carries half of them. If the group's
 * transaction fails, each push is tried on its own, so one push's failure is never another's.
 */
export function syncLogGroupCommit(
	syncLog: Pick<SyncLogStore, 'appendMany'>,
	durable: () => Promise<void>,
	now: () => Epoch,
	waitMs: (flushMs: number) => number = defaultGroupWaitMs
): { append(request: SyncAppendRequest): Promise<AppendOutcome> } {
	let queue: Waiting[] = [];
	let running = false;
	/** Pushes in play when the last flush ended; a group waits for as many (see above). */
	let expected = 0;
	let flushEndedAt = Number.NEGATIVE_INFINITY;
	/** A moving average of how long a flush takes. */
	let flushMs = 0;
	let wake: (() => void) | undefined;

	const commit = async (group: Waiting[]): Promise<(AppendOutcome | { error: unknown })[]> => {
		try {
			return await syncLog.appendMany(
				group.map((waiting) => waiting.request),
				now()
			);
		} catch (error) {
			if (group.length === 1) return [{ error }];
			const alone: (AppendOutcome | { error: unknown })[] = [];
			for (const waiting of group) alone.push(...(await commit([waiting])));
			return alone;
		}
	};

	/** Resolves when the queue is a whole group: `expected` pushes, or the wait is over. */
	const gather = async (): Promise<void> => {
		await new Promise<void>((resolve) => setImmediate(resolve));
		const left = flushEndedAt + waitMs(flushMs) - performance.now();
		if (queue.length >= expected || !(left > 0)) return;
		await new Promise<void>((resolve) => {
			const done = (): void => {
				clearTimeout(timer);
				wake = undefined;
				resolve();
			};
			const timer = setTimeout(done, left);
			wake = done;
		});
	};

	/** Settles every waiter itself and never rejects. */
	const run = async (): Promise<void> => {
		try {
			await drain();
		} finally {
			running = false;
		}
	};

	const drain = async (): Promise<void> => {
		while (queue.length > 0) {
			await gather();
			const group = queue;
			queue = [];
			const outcomes = await commit(group);
			let flushed: { ok: true } | { ok: false; error: unknown };
			const flushStarted = performance.now();
			try {
				await durable();
				flushed = { ok: true };
			} catch (error) {
				flushed = { ok: false, error };
			}
			flushEndedAt = performance.now();
			flushMs =
				flushMs === 0
					? flushEndedAt - flushStarted
					: 0.8 * flushMs + 0.2 * (flushEndedAt - flushStarted);
			expected = group.length + queue.length;
			process.stderr.write(`g ${group.length} q ${queue.length} f ${flushMs.toFixed(1)}\n`);
			group.forEach((waiting, index) => {
				const outcome = outcomes[index];
				if (outcome === undefined) waiting.reject(new Error('sync log: no outcome'));
				else if ('error' in outcome) waiting.reject(outcome.error);
				else if (!flushed.ok) waiting.reject(flushed.error);
				else waiting.resolve(outcome);
			});
		}
	};

	return {
		append(request) {
			return new Promise<AppendOutcome>((resolve, reject) => {
				queue.push({ request, resolve, reject });
				if (wake !== undefined && queue.length >= expected) wake();
				if (running) return;
				running = true;
				void run();
			});
		}
	};
}
