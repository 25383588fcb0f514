import type { Epoch } from './epoch.js';
import type { AppendOutcome, SyncAppendRequest, SyncLogStore } from './sync-log-store.js';

interface Waiting {
	request: SyncAppendRequest;
	resolve(outcome: AppendOutcome): void;
	reject(error: unknown): void;
}

/**
 * Group commit for sync pushes: every push that arrives while the previous group is being made
 * durable waits for it, then all of them are appended in one transaction and made durable by one
 * flush. A push is answered only after the flush that covers its rows, as before; what changes is
 * that 32 concurrent single-row pushes cost one commit and one fsync instead of 32 commits.
 *
 * A group starts on the next turn of the event loop (setImmediate), so the pushes whose bodies
 * were read in the same turn join it without waiting for anything else. If the group's transaction
 * fails, each push is tried on its own, so one push's failure is never another's.
 */
export function syncLogGroupCommit(
	syncLog: Pick<SyncLogStore, 'appendMany'>,
	durable: () => Promise<void>,
	now: () => Epoch
): { append(request: SyncAppendRequest): Promise<AppendOutcome> } {
	let queue: Waiting[] = [];
	let running = false;

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
			await new Promise<void>((resolve) => setImmediate(resolve));
			const group = queue;
			queue = [];
			const outcomes = await commit(group);
			let flushed: { ok: true } | { ok: false; error: unknown };
			try {
				await durable();
				flushed = { ok: true };
			} catch (error) {
				flushed = { ok: false, error };
			}
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
				if (running) return;
				running = true;
				void run();
			});
		}
	};
}
