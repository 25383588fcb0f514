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

/** Up to this many touched docs, their rows are counted at once, not after a count of all rows. */
const FEW_DOCS = 64;

/**
 * Reads the census of a run that touched `touched`. Call it inside a transaction over
 * `docUpdates` and `syncMeta` (a run's last write, or a read of its own), once that transaction's
 * writes are issued: IndexedDB answers in order, so the counts include them without waiting for
 * the writes first. For a few docs every read goes out at once, one round trip.
 */
export async function readRunCensus(
	db: BillfoldDb,
	touched: readonly string[],
	compactAfterRows: number
): Promise<RunCensus> {
	const [pending, cursor, rowsPerDoc] = await Promise.all([
		countPendingDocUpdates(db),
		readSyncMeta<number>(db, CURSOR_KEY),
		touched.length <= FEW_DOCS ? rowsOf(db, touched) : rowsOfMany(db, touched, compactAfterRows)
	]);
	return { pending, cursor: cursor ?? 0, rowsPerDoc, counted: new Set(touched) };
}

/** One read of the docs' index keys counts them all, not a count per doc. */
async function rowsOf(db: BillfoldDb, docIds: readonly string[]): Promise<Map<string, number>> {
	const rowsPerDoc = new Map<string, number>();
	if (docIds.length === 0) return rowsPerDoc;
	const keys = await db.docUpdates.where('docId').anyOf(docIds).keys();
	for (const key of keys) rowsPerDoc.set(String(key), (rowsPerDoc.get(String(key)) ?? 0) + 1);
	return rowsPerDoc;
}

/**
 * Every touched doc has a row, so none has more than `total − (touched − 1)`: after a first sync
 * (every doc touched, one row each) one count spares reading the keys of thousands of docs. A doc
 * whose rows another tab just vacuumed may be missed here; it is compacted next time.
 */
async function rowsOfMany(
	db: BillfoldDb,
	docIds: readonly string[],
	compactAfterRows: number
): Promise<Map<string, number>> {
	const total = await db.docUpdates.count();
	if (total - (docIds.length - 1) > compactAfterRows) return rowsOf(db, docIds);
	return new Map();
}
