/** A state holder that shows one task at a time: busy while it runs, its error message after. */
export interface BusyTarget {
	busy: boolean;
	error: string | undefined;
}

/** The message a failure shows when its caller has no words of its own for it. */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `work` with `target.busy` set and `target.error` cleared, and keeps a failure as the
 * message the page shows instead of letting it reach the click handler. `explain` words the
 * failure (undefined: the caller shows it otherwise).
 */
export async function busyTask<T>(
	target: BusyTarget,
	work: () => Promise<T>,
	explain: (error: unknown) => string | undefined = messageOf
): Promise<T | undefined> {
	target.busy = true;
	target.error = undefined;
	try {
		return await work();
	} catch (error) {
		target.error = explain(error);
		return undefined;
	} finally {
		target.busy = false;
	}
}
