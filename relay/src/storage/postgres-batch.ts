import type { Row } from './row-mapping.js';

/** At most this many calls share one batch: one routine call's arrays stay small. */
export const MAX_BATCH = 64;

/**
 * At most about this much content (by the caller's weight, in bytes) goes in one batch: the
 * parameters of a call travel in one protocol message, which PostgreSQL caps at 1 GB, and 64
 * sends of up to 256 MB each would pass it. A single call heavier than this goes alone.
 */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * The rows of a batch routine call (each with the 1-based `ord` of its call) as the callers'
 * results, in call order. Rejects the whole batch unless every ord 1..count appears exactly
 * once: placing rows by position would hand a caller another caller's answer.
 */
export function byOrd<R>(rows: readonly Row[], count: number, toResult: (row: Row) => R): R[] {
	if (rows.length !== count)
		throw new Error(`storage: a batch of ${count} calls answered ${rows.length} rows`);
	const results: R[] = new Array<R>(count);
	const placed = new Set<number>();
	for (const row of rows) {
		const ord = row['ord'];
		if (
			typeof ord !== 'number' ||
			!Number.isInteger(ord) ||
			ord < 1 ||
			ord > count ||
			placed.has(ord)
		)
			throw new Error(
				`storage: a batch of ${count} calls answered ord ${String(ord)} out of place`
			);
		placed.add(ord);
		results[ord - 1] = toResult(row);
	}
	return results;
}

interface Waiting<C, R> {
	call: C;
	weight: number;
	resolve(result: R): void;
	reject(error: unknown): void;
}

/**
 * Groups the calls that arrive while one runs: the first call runs at once, alone; the calls that
 * arrive meanwhile wait for it and then run together as one batch (one routine call, one
 * transaction, one commit; postgres-routines.ts), up to MAX_BATCH at a time. Under a burst, the
 * database work per call shrinks to its share of a batch, and with no burst nobody waits. Each
 * caller gets its own item's answer, and only after the batch has committed. A batch that fails
 * (after statement()'s retries of lost races) runs again item by item, so one bad item fails alone.
 * One batch at a time per process: with a series or a workspace shared by the calls, they would
 * take turns on its row lock anyway. `weight` (bytes of content, say) closes a batch at
 * MAX_BATCH_BYTES.
 */
export function batchedCalls<C, R>(
	runMany: (calls: C[]) => Promise<R[]>,
	weight: (call: C) => number = () => 0
): (call: C) => Promise<R> {
	const queue: Waiting<C, R>[] = [];
	let running = false;
	const settle = async (group: Waiting<C, R>[]): Promise<void> => {
		const results = await runMany(group.map((w) => w.call));
		if (results.length !== group.length)
			throw new Error(`storage: a batch of ${group.length} answered ${results.length}`);
		group.forEach((w, i) => w.resolve(results[i] as R));
	};
	/** The waiting calls in arrival order, up to MAX_BATCH of them and MAX_BATCH_BYTES of weight. */
	const nextGroup = (): Waiting<C, R>[] => {
		let size = 0;
		let total = 0;
		for (const waiting of queue) {
			if (size === MAX_BATCH) break;
			if (size > 0 && total + waiting.weight > MAX_BATCH_BYTES) break;
			total += waiting.weight;
			size++;
		}
		return queue.splice(0, size);
	};
	const drain = async (): Promise<void> => {
		while (queue.length > 0) {
			const group = nextGroup();
			try {
				await settle(group);
			} catch (error) {
				if (group.length === 1) group[0]?.reject(error);
				else
					await Promise.all(
						group.map((w) => settle([w]).catch((itemError: unknown) => w.reject(itemError)))
					);
			}
		}
		running = false;
	};
	return (call) =>
		new Promise<R>((resolve, reject) => {
			queue.push({ call, weight: weight(call), resolve, reject });
			if (running) return;
			running = true;
			void drain();
		});
}
