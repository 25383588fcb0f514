import Dexie from 'dexie';
import { countDocRows, countPendingDocUpdates, readSyncMeta, type BillfoldDb } from '$lib/storage';
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

/**
 * What the transaction reading a census already knows for certain, so it need not read it: the
 * cursor it wrote, the rows of docs it read whole and then wrote.
 */
export interface KnownCounts {
	cursor?: number;
	rowsPerDoc?: ReadonlyMap<string, number>;
}

/** A run's wish that a transaction also read its census: the docs it touched so far. */
export interface CensusRequest {
	touched: readonly string[];
	compactAfterRows: number;
}

/**
 * Up to this many touched docs, each is counted in the same round trip as the pending count and
 * the cursor, with no bound read first: a change or two (the usual run) then costs its
 * transaction one round trip to IndexedDB here instead of two, and on a loaded main thread each
 * round trip is a task hop of a millisecond or more that the receiving device waits out before
 * it may report the change applied.
 */
const COUNT_AT_ONCE = 16;

/**
 * Reads the census of a run that touched `touched`. Call it inside a transaction over
 * `docUpdates`, `pendingUpdates` and `syncMeta` (a run's last write, or a read of its own), right
 * behind that transaction's writes: issued after them, perhaps before they are answered, which is
 * enough since IndexedDB runs a transaction's requests in order, so the counts include them.
 */
export function readRunCensus(
	db: BillfoldDb,
	touched: readonly string[],
	compactAfterRows: number,
	known: KnownCounts = {}
): Promise<RunCensus> {
	// Dexie's promises chained, not an async scope: no zone echoes (see RecordStore.writeParsed).
	const read = Dexie.Promise.all([
		countPendingDocUpdates(db),
		known.cursor ?? readSyncMeta<number>(db, CURSOR_KEY)
	]);
	const rowsPerDoc = new Map<string, number>();
	const unknown: string[] = [];
	for (const docId of touched) {
		const rows = known.rowsPerDoc?.get(docId);
		if (rows === undefined) unknown.push(docId);
		else rowsPerDoc.set(docId, rows);
	}
	// A count per doc, all asked for at once: one round trip, where walking the touched docs'
	// index keys with a cursor took one (two, with Dexie's anyOf) per doc.
	const countEach = () =>
		Dexie.Promise.all(unknown.map((docId) => countDocRows(db, docId))).then((counts) => {
			unknown.forEach((docId, index) => rowsPerDoc.set(docId, counts[index] ?? 0));
		});
	const census = ([pending, cursor]: [number, number | undefined]): RunCensus => ({
		pending,
		cursor: cursor ?? 0,
		rowsPerDoc,
		counted: new Set(touched)
	});
	if (unknown.length <= COUNT_AT_ONCE) {
		return Dexie.Promise.all([read, countEach()]).then(([counts]) => census(counts));
	}
	// Every touched doc has a row, so none has more than `total − (touched − 1)`: after a first
	// sync (every doc touched, one row each) a read of at most `touched + compactAfterRows` keys
	// spares a count per doc. Not a count of the whole log: that walks every row, each run, and a
	// run of a few saves then costs as much as the log is long. A doc whose rows another tab just
	// vacuumed may be missed here; it is compacted next time.
	const enough = touched.length + compactAfterRows;
	return db.docUpdates
		.limit(enough)
		.primaryKeys()
		.then((some) => (some.length >= enough ? countEach() : undefined))
		.then(() => read)
		.then(census);
}

/**
 * The census completed with the rows of docs it was not asked to count because they are known
 * otherwise (the capture counted them as this tab saved them: see SyncEngine's `#savedRows`).
 * Docs the census counted itself keep its counts.
 */
export function withKnownRows(census: RunCensus, known: ReadonlyMap<string, number>): RunCensus {
	const added = [...known].filter(([docId]) => !census.counted.has(docId));
	if (added.length === 0) return census;
	const rowsPerDoc = new Map(census.rowsPerDoc);
	for (const [docId, rows] of added) rowsPerDoc.set(docId, rows);
	return {
		...census,
		rowsPerDoc,
		counted: new Set([...census.counted, ...added.map(([docId]) => docId)])
	};
}
