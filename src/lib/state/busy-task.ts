/** A state holder that shows one task at a time: busy while it runs, its error message after. */
export interface BusyTarget {
	busy: boolean;
	error: string | undefined;
}

/**
 * Runs `work` with `target.busy` set and `target.error` cleared, and keeps a failure as the
 * message the page shows instead of letting it reach the click handler.
 */
export async function busyTask<T>(
	target: BusyTarget,
	work: () => Promise<T>
): Promise<T | undefined> {
	target.busy = true;
	target.error = undefined;
	try {
		return await work();
	} catch (error) {
		target.error = error instanceof Error ? error.message : String(error);
		return undefined;
	} finally {
		target.busy = false;
	}
}
