/**
 * When the engine's next push goes out while saves keep coming. Each push costs a round trip to
 * the relay and an acknowledgement transaction over `docUpdates`, which every save's own
 * transaction waits behind (both write that table), and the receiving devices one apply each. A
 * save made while no push is under way is pushed at once, and so is a lone save made during a
 * push: one change at a time is never held back. Only when several saves arrived during the last
 * push, so that more are likely on their way, does the next push wait, until its oldest save is
 * `windowMs` old or `maxRows` rows are waiting, so one push carries a burst instead of a few saves.
 */
export interface PushWindowOptions {
	/** The longest a waiting save's push is held after the save committed. */
	windowMs: number;
	/** Rows that end the wait at once: a push of this many gains nothing from waiting. */
	maxRows: number;
	now?: () => number;
}

export class PushWindow {
	readonly #options: Required<PushWindowOptions>;
	/** Rows saved since the last push took the waiting ones, and when the first of them was. */
	#waiting = 0;
	#firstAt = 0;
	#release: (() => void) | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(options: PushWindowOptions) {
		this.#options = { now: () => performance.now(), ...options };
	}

	/** Rows a save committed, waiting for a push. */
	saved(rows: number): void {
		if (rows === 0) return;
		if (this.#waiting === 0) this.#firstAt = this.#options.now();
		this.#waiting += rows;
		if (this.#waiting >= this.#options.maxRows) this.release();
	}

	/** A push is about to read what is waiting: later saves wait for the one after it. */
	taken(): void {
		this.#waiting = 0;
	}

	/**
	 * Resolves when the saves that arrived during the push just finished should be pushed: at once
	 * for none or one, else once the oldest is `windowMs` old or `maxRows` are waiting (or on
	 * `release`).
	 */
	hold(): Promise<void> {
		const { windowMs, maxRows, now } = this.#options;
		if (this.#waiting < 2 || this.#waiting >= maxRows) return Promise.resolve();
		const left = this.#firstAt + windowMs - now();
		if (left <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			this.#release = resolve;
			this.#timer = setTimeout(() => this.release(), left);
		});
	}

	/** Ends a wait now (enough rows, or the engine stops). */
	release(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const release = this.#release;
		this.#release = undefined;
		release?.();
	}
}
