import { browserEffects } from './settings-effects';
import { discardDraft, readDraft, writeDraft, type BillfoldDb } from '$lib/storage';

export interface DraftSource<T> {
	/** Key in the drafts table, e.g. "seller-profile" or "contact:new". */
	key: string;
	/** The saved record as a form, used when there is no draft. */
	saved: () => Promise<T>;
	/** Reads a stored draft; undefined when it no longer fits the form (older release). */
	parse: (value: unknown) => T | undefined;
}

/**
 * The values of one form, written to the drafts table on every change so a reload, a crash or
 * a failed validation never loses what was typed. Saving the record discards the draft.
 */
export class FormDraft<T extends object> {
	value = $state<T>() as T;
	loaded = $state(false);
	/** True while the form holds changes that are not saved yet. */
	dirty = $state(false);
	#pending: Promise<void> | undefined;
	#latest: unknown;
	#source: DraftSource<T>;

	constructor(
		private readonly db: BillfoldDb,
		source: DraftSource<T>,
		private readonly now: () => string = browserEffects.now
	) {
		this.#source = source;
	}

	get key(): string {
		return this.#source.key;
	}

	async load(): Promise<void> {
		const stored = this.#source.parse(await readDraft(this.db, this.#source.key));
		this.value = stored ?? (await this.#source.saved());
		this.dirty = stored !== undefined;
		this.loaded = true;
	}

	/**
	 * Call after any edit. One write runs at a time; edits made meanwhile are coalesced into the
	 * next write, so fast typing costs two writes, not one per keystroke, and the last one wins.
	 */
	changed(): Promise<void> {
		this.dirty = true;
		this.#latest = $state.snapshot(this.value);
		this.#pending ??= this.#drain().finally(() => (this.#pending = undefined));
		return this.#pending;
	}

	async #drain(): Promise<void> {
		while (this.#latest !== undefined) {
			const snapshot = this.#latest;
			this.#latest = undefined;
			await writeDraft(this.db, this.#source.key, snapshot, this.now());
		}
	}

	/** Waits for queued draft writes, e.g. before a test reloads or the record is saved. */
	async flushed(): Promise<void> {
		await this.#pending?.catch(() => undefined);
	}

	/** Drops the draft after a save, or to throw away changes and show the saved record again. */
	async discard(reload = true): Promise<void> {
		await this.flushed();
		await discardDraft(this.db, this.#source.key);
		this.dirty = false;
		if (reload) this.value = await this.#source.saved();
	}
}
