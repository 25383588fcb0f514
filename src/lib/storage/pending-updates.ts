import Dexie, { type DBCoreRangeType, type DBCoreTransaction, type Transaction } from 'dexie';
import type { BillfoldDb } from './db';
import { docUpdatesByKeys } from './doc-log';
import type { DocUpdateRow } from './records';

/**
 * Which local update rows the relay has not acknowledged yet, kept apart from the rows: a marker
 * holding only the row's key (`pendingUpdates`), added in the transaction that adds the row and
 * deleted when the relay acknowledges it. The 1.6 KB row itself is written once and never
 * rewritten, so an acknowledgement deletes keys (a run of consecutive keys in one request, with
 * no count: see acknowledgeDocUpdates), reads nothing, and a first upload of 10,000 records no
 * longer writes its rows twice. Deleting a marker is idempotent: a
 * retried push, two tabs storing the same acknowledgement, or an apply of this device's own rows
 * pulled back all converge.
 */

/**
 * Marks rows just added (by their keys) as waiting for the relay, in the caller's transaction.
 * Dexie's own promise, not an async function's: one more native async layer under
 * captureFromProjections made the apply's catch-up of a dirty doc lose the transaction's zone,
 * so its later writes ran in transactions of their own and the apply failed (PrematureCommit).
 */
export function markDocUpdatesPending(db: BillfoldDb, seqs: readonly number[]): Promise<unknown> {
	return seqs.length > 0
		? db.pendingUpdates.bulkPut(seqs.map((seq) => ({ seq })))
		: Dexie.Promise.resolve();
}

/**
 * Stores the relay's acknowledgement of local rows, by their keys: their markers go, the rows
 * stay as they are. Keys of rows already acknowledged, compacted away or not local are ignored.
 * A batch's keys are mostly consecutive (a first upload's are all): each run of consecutive keys
 * is deleted as one key range rather than a request per key, which cost the main thread 500
 * requests per acknowledged batch. A range of consecutive integers holds no key but the run's
 * own, so no other marker can go with it. The range goes to IndexedDB as it is (Dexie's DBCore):
 * `Collection.delete()` would first count the range, under a lock of the transaction that holds
 * back every later request of the caller's transaction until both are answered.
 */
export function acknowledgeDocUpdates(db: BillfoldDb, seqs: readonly number[]): Promise<unknown> {
	const runs = consecutiveRuns(seqs);
	if (runs.length === 0) return Dexie.Promise.resolve();
	const trans = Dexie.currentTransaction;
	// Outside a transaction (a direct call): one of its own, so the raw requests have one.
	if (!trans?.storeNames.includes('pendingUpdates')) {
		return db.transaction('rw', db.pendingUpdates, () => acknowledgeDocUpdates(db, seqs));
	}
	// Dexie's promises, not an async function's: the sync path's transactions chain them so that
	// Dexie need not carry its zone across native awaits (see storeOwnAcks).
	const single: number[] = [];
	const deletions: PromiseLike<unknown>[] = [];
	for (const [first, last] of runs) {
		if (last - first + 1 < RANGE_DELETE_MIN) {
			for (let seq = first; seq <= last; seq++) single.push(seq);
		} else {
			deletions.push(deleteKeyRange(db, trans, first, last));
		}
	}
	if (single.length > 0) deletions.push(db.pendingUpdates.bulkDelete(single));
	return Dexie.Promise.all(deletions);
}

/** Deletes the markers with keys from `first` to `last` (both included): one request. */
function deleteKeyRange(
	db: BillfoldDb,
	trans: Transaction,
	first: number,
	last: number
): PromiseLike<void> {
	const deleted = db.pendingUpdates.core.mutate({
		trans: trans.idbtrans as unknown as DBCoreTransaction,
		type: 'deleteRange',
		range: { type: RANGE, lower: first, upper: last, lowerOpen: false, upperOpen: false }
	});
	return Dexie.Promise.resolve(deleted).then(({ numFailures, failures }) => {
		if (numFailures > 0) throw Object.values(failures)[0] ?? new Error('marker deletion failed');
	});
}

/** `DBCoreRangeType.Range`: a const enum, which isolated modules cannot read from Dexie's types. */
const RANGE = 2 as DBCoreRangeType;

/** From this many consecutive keys on, one range deletion replaces a deletion per key. */
const RANGE_DELETE_MIN = 3;

/** The distinct keys as runs of consecutive integers, `[first, last]`, in ascending order. */
export function consecutiveRuns(seqs: readonly number[]): [number, number][] {
	const sorted = [...new Set(seqs)].sort((a, b) => a - b);
	const runs: [number, number][] = [];
	for (const seq of sorted) {
		const run = runs.at(-1);
		if (run && seq === run[1] + 1) run[1] = seq;
		else runs.push([seq, seq]);
	}
	return runs;
}

/** The keys among `seqs` that are still waiting for the relay, in the caller's transaction. */
export function pendingAmong(db: BillfoldDb, seqs: readonly number[]): Promise<Set<number>> {
	if (seqs.length === 0) return Dexie.Promise.resolve(new Set<number>());
	return db.pendingUpdates
		.bulkGet([...seqs])
		.then((found) => new Set(found.flatMap((marker) => (marker ? [marker.seq] : []))));
}

export function countPendingDocUpdates(db: BillfoldDb): Promise<number> {
	return db.pendingUpdates.count();
}

/**
 * Local rows the relay has not acknowledged yet, oldest first, with a local key above `afterKey`
 * (the last row of the batch in flight). The markers are keyed by the row's key, so this is one
 * read of a key range for the keys and one read of the rows' key range (see docUpdatesByKeys).
 * By key, not by a count to skip: another tab that stores the acknowledgement of rows in flight
 * would make a count skip rows that were never pushed.
 */
export function pendingDocUpdates(
	db: BillfoldDb,
	limit: number,
	afterKey = 0
): Promise<DocUpdateRow[]> {
	// Dexie's promises chained, not an async scope: no zone echoes (see RecordStore.writeParsed).
	return db.transaction('r', db.docUpdates, db.pendingUpdates, () =>
		db.pendingUpdates
			.where('seq')
			.above(afterKey)
			.limit(limit)
			.primaryKeys()
			.then((keys) => docUpdatesByKeys(db, keys))
			.then((rows) => rows.filter((row): row is DocUpdateRow => row !== undefined))
	);
}
