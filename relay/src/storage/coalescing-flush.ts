/**
 * Group commit: `flush` makes every commit made before it started durable. Callers arriving while
 * a flush runs share the next one, so N concurrent requests cost two flushes, not N.
 */
export function coalescingFlush(flush: () => Promise<void>): {
	durable: () => Promise<void>;
	/** Resolves once the flush in flight, if any, has finished (for closing what it uses). */
	settled: () => Promise<void>;
} {
	let running: Promise<void> | undefined;
	let next: Promise<void> | undefined;
	const durable = (): Promise<void> => {
		if (running === undefined) {
			running = flush().finally(() => (running = undefined));
			return running;
		}
		next ??= running
			.catch(() => undefined)
			.then(() => {
				next = undefined;
				return durable();
			});
		return next;
	};
	const settled = (): Promise<void> => (running ?? Promise.resolve()).catch(() => undefined);
	return { durable, settled };
}
