import { busyTask, messageOf, type BusyTarget } from './busy-task.js';

/**
 * The busy → failure/notice step of a page's buttons: one task at a time, the buttons disabled
 * while it runs, its failure (or what the task announces) shown after.
 */
export class Action implements BusyTarget {
	busy = $state(false);
	/** The last run's failure, in the words `explain` gave it. */
	error = $state<string>();
	/** What the last run announces on success; the task sets it. */
	notice = $state<string>();
	/** What the last run threw, for a page that shows a kind of failure its own way. */
	caught = $state.raw<unknown>();
	readonly #explain: (error: unknown) => string | undefined;

	constructor(explain: (error: unknown) => string | undefined = messageOf) {
		this.#explain = explain;
	}

	/** Clears the last outcome, then runs `task`; a failure is kept, never thrown to the caller. */
	run = async (task: () => Promise<void>): Promise<void> => {
		this.notice = undefined;
		this.caught = undefined;
		await busyTask(this, task, (error) => {
			this.caught = error;
			return this.#explain(error);
		});
	};
}

/** `explain` words a failure for the page; undefined leaves it to the page (see `caught`). */
export function createAction(explain?: (error: unknown) => string | undefined): Action {
	return new Action(explain);
}

export { messageOf };
