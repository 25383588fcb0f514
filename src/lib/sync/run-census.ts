import { countPendingDocUpdates, readSyncMeta, type BillfoldDb } from '$lib/storage';
import { CURSOR_KEY } from './cursor';

/** What the end of a sync run reports and decides compaction by, read in one snapshot. */
export interface RunCensus {
	pending: number;
	cursor: number;
	/** Local rows per touched doc, for the docs that may have more than `compactAfterRows`. */
	rowsPerDoc: Map<string, number>;
	/** The docs it counted: a census serves a run only if it counted every doc the run touched. */
	counted: ReadonlySet<string>;
}

/** A run's wish that a transaction also read its census: the docs it touched so far. */
export interface CensusRequest {
	touched: readonly string[];
	compactAfterRows: number;
}

/**
 * Up to this many touched docs, their rows are counted by reading their index keys in the same
 * round trip as the other counts, with no total first: a change or two (the usual run) then costs
 * its transaction one round trip to IndexedDB here instead of three, and on a loaded main thread
 * each round trip is a task hop of a millisecond or more that the receiving device waits out
 * before it may report the change applied. Each doc has about `compactAfterRows` rows at most.
 */
const COUNT_KEYS_AT_ONCE = 16;

/**
 * Reads the census of a run that touched `touched`. Call it inside a transaction over
 * `docUpdates` and `syncMeta` (a run's last write, or a read of its own), after that
 * transaction's writes, so the counts include them.
 */
export async function readRunCensus(
	db: BillfoldDb,
	touched: readonly string[],
	compactAfterRows: number
): Promise<RunCensus> {
	const read = Promise.all([countPendingDocUpdates(db), readSyncMeta<number>(db, CURSOR_KEY)]);
	const rowsPerDoc = new Map<string, number>();
	const countKeys = async () => {
		const keys = await db.docUpdates.where('docId').anyOf(touched).keys();
		for (const key of keys) rowsPerDoc.set(String(key), (rowsPerDoc.get(String(key)) ?? 0) + 1);
	};
	if (touched.length > 0 && touched.length <= COUNT_KEYS_AT_ONCE) {
		const [[pending, cursor]] = await Promise.all([read, countKeys()]);
		return { pending, cursor: cursor ?? 0, rowsPerDoc, counted: new Set(touched) };
	}
	// Every touched doc has a row, so none has more than `total − (touched − 1)`: after a
	// first sync (every doc touched, one row each) one count spares a count per doc. A doc
	// whose rows another tab just vacuumed may be missed here; it is compacted next time.
	const total = touched.length === 0 ? 0 : await db.docUpdates.count();
	// Else one read of the touched docs' index keys counts them all, not a count per doc:
	// a long-offline device's pull touches hundreds of docs in a log of thousands.
	if (total - (touched.length - 1) > compactAfterRows) await countKeys();
	const [pending, cursor] = await read;
	return { pending, cursor: cursor ?? 0, rowsPerDoc, counted: new Set(touched) };
}
