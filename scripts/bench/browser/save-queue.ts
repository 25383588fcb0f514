import type { BillfoldDb } from '$lib/storage';

/**
 * How often a save on one device queues behind that device's own earlier transactions (its sync
 * engine's acknowledgement, census, reads for a push): IndexedDB starts a read-write transaction
 * only once every earlier transaction sharing a store with it has finished, reads too, so a
 * save created while such a transaction is still open waits for it. `waits` holds, per queued
 * save, the milliseconds from its creation until the last of those transactions finished: the
 * longest it can have waited. The scopes are the IDBTransactions' own, as widened by the change
 * capture (a save also writes `docUpdates` and `pendingUpdates`), not the stores Dexie was asked for.
 */
export interface SaveQueue {
	saves: number;
	queued: number;
	waits: number[];
	/** What the saves queued behind, by scope ("pendingUpdates,syncMeta"), and how often. */
	behind: Record<string, number>;
}

interface Open {
	stores: Set<string>;
	/** The saves created while this transaction was open. */
	waiting: Set<object>;
}

/** Watches `db`'s transactions until the returned function is called; it returns the counts. */
export function watchSaveQueue(db: BillfoldDb, isSave: (stores: string[]) => boolean) {
	const figures: SaveQueue = { saves: 0, queued: 0, waits: [], behind: {} };
	const core = db.core;
	const transaction = core.transaction;
	const open = new Set<Open>();
	// A queued save's wait ends when the last transaction ahead of it finishes.
	const ahead = new Map<object, { since: number; left: number }>();
	core.transaction = (stores, mode, options) => {
		const created = transaction.call(core, stores, mode, options);
		// Right above IndexedDB the DBCore transaction is the IDBTransaction itself.
		const idb = created as unknown as IDBTransaction;
		const scope = new Set(Array.from(idb.objectStoreNames));
		if (mode === 'readwrite' && isSave([...stores])) {
			figures.saves++;
			const blocking = [...open].filter((other) => [...scope].some((s) => other.stores.has(s)));
			if (blocking.length > 0) {
				figures.queued++;
				ahead.set(idb, { since: performance.now(), left: blocking.length });
				for (const other of blocking) {
					other.waiting.add(idb);
					const name = [...other.stores].sort().join(',');
					figures.behind[name] = (figures.behind[name] ?? 0) + 1;
				}
			}
		}
		const entry: Open = { stores: scope, waiting: new Set() };
		open.add(entry);
		const finished = () => {
			if (!open.delete(entry)) return;
			for (const save of entry.waiting) {
				const wait = ahead.get(save);
				if (!wait || --wait.left > 0) continue;
				figures.waits.push(performance.now() - wait.since);
				ahead.delete(save);
			}
		};
		idb.addEventListener('complete', finished);
		// A request's error bubbles to the transaction as 'error' without ending it: not that one.
		idb.addEventListener('abort', finished);
		return created;
	};
	return (): SaveQueue => {
		core.transaction = transaction;
		return figures;
	};
}
